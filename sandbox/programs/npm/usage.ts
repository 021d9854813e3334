// The usage text npm 10.9 prints for `npm <command> -h` and after a usage
// error (the command's description, then these lines), for the commands the
// playground's npm has: taken from npm@10.9.2 itself.
import { COMMANDS } from './commands-list.ts';

const BODIES = new Map<string, string>([
  ["install", "Usage:\nnpm install [<package-spec> ...]\n\nOptions:\n[-S|--save|--no-save|--save-prod|--save-dev|--save-optional|--save-peer|--save-bundle]\n[-E|--save-exact] [-g|--global]\n[--install-strategy <hoisted|nested|shallow|linked>] [--legacy-bundling]\n[--global-style] [--omit <dev|optional|peer> [--omit <dev|optional|peer> ...]]\n[--include <prod|dev|optional|peer> [--include <prod|dev|optional|peer> ...]]\n[--strict-peer-deps] [--prefer-dedupe] [--no-package-lock] [--package-lock-only]\n[--foreground-scripts] [--ignore-scripts] [--no-audit] [--no-bin-links]\n[--no-fund] [--dry-run] [--cpu <cpu>] [--os <os>] [--libc <libc>]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root] [--install-links]\n\naliases: add, i, in, ins, inst, insta, instal, isnt, isnta, isntal, isntall\n\nRun \"npm help install\" for more info"],
  ["ci", "Usage:\nnpm ci\n\nOptions:\n[--install-strategy <hoisted|nested|shallow|linked>] [--legacy-bundling]\n[--global-style] [--omit <dev|optional|peer> [--omit <dev|optional|peer> ...]]\n[--include <prod|dev|optional|peer> [--include <prod|dev|optional|peer> ...]]\n[--strict-peer-deps] [--foreground-scripts] [--ignore-scripts] [--no-audit]\n[--no-bin-links] [--no-fund] [--dry-run]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root] [--install-links]\n\naliases: clean-install, ic, install-clean, isntall-clean\n\nRun \"npm help ci\" for more info"],
  ["uninstall", "Usage:\nnpm uninstall [<@scope>/]<pkg>...\n\nOptions:\n[-S|--save|--no-save|--save-prod|--save-dev|--save-optional|--save-peer|--save-bundle]\n[-g|--global]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root] [--install-links]\n\naliases: unlink, remove, rm, r, un\n\nRun \"npm help uninstall\" for more info"],
  ["run-script", "Usage:\nnpm run-script <command> [-- <args>]\n\nOptions:\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root] [--if-present] [--ignore-scripts]\n[--foreground-scripts] [--script-shell <script-shell>]\n\naliases: run, rum, urn\n\nRun \"npm help run-script\" for more info"],
  ["start", "Usage:\nnpm start [-- <args>]\n\nOptions:\n[--ignore-scripts] [--script-shell <script-shell>]\n\nRun \"npm help start\" for more info"],
  ["test", "Usage:\nnpm test [-- <args>]\n\nOptions:\n[--ignore-scripts] [--script-shell <script-shell>]\n\naliases: tst, t\n\nRun \"npm help test\" for more info"],
  ["stop", "Usage:\nnpm stop [-- <args>]\n\nOptions:\n[--ignore-scripts] [--script-shell <script-shell>]\n\nRun \"npm help stop\" for more info"],
  ["restart", "Usage:\nnpm restart [-- <args>]\n\nOptions:\n[--ignore-scripts] [--script-shell <script-shell>]\n\nRun \"npm help restart\" for more info"],
  ["init", "Usage:\nnpm init <package-spec> (same as `npx create-<package-spec>`)\nnpm init <@scope> (same as `npx <@scope>/create`)\n\nOptions:\n[--init-author-name <name>] [--init-author-url <url>] [--init-license <license>]\n[--init-module <module>] [--init-version <version>] [-y|--yes] [-f|--force]\n[--scope <@scope>]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--no-workspaces-update] [--include-workspace-root]\n\naliases: create, innit\n\nRun \"npm help init\" for more info"],
  ["ls", "Usage:\nnpm ls <package-spec>\n\nOptions:\n[-a|--all] [--json] [-l|--long] [-p|--parseable] [-g|--global] [--depth <depth>]\n[--omit <dev|optional|peer> [--omit <dev|optional|peer> ...]]\n[--include <prod|dev|optional|peer> [--include <prod|dev|optional|peer> ...]]\n[--link] [--package-lock-only] [--no-unicode]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root] [--install-links]\n\nalias: list\n\nRun \"npm help ls\" for more info"],
  ["exec", "Usage:\nnpm exec -- <pkg>[@<version>] [args...]\nnpm exec --package=<pkg>[@<version>] -- <cmd> [args...]\nnpm exec -c '<cmd> [args...]'\nnpm exec --package=foo -c '<cmd> [args...]'\n\nOptions:\n[--package <package-spec> [--package <package-spec> ...]] [-c|--call <call>]\n[-w|--workspace <workspace-name> [-w|--workspace <workspace-name> ...]]\n[-ws|--workspaces] [--include-workspace-root]\n\nalias: x\n\nRun \"npm help exec\" for more info"],
  ["cache", "Usage:\nnpm cache add <package-spec>\nnpm cache clean [<key>]\nnpm cache ls [<name>@<version>]\nnpm cache verify\n\nOptions:\n[--cache <cache>]\n\nRun \"npm help cache\" for more info"],
  ["help", "Usage:\nnpm help <term> [<terms..>]\n\nOptions:\n[--viewer <viewer>]\n\nalias: hlep\n\nRun \"npm help help\" for more info"],
  ["prefix", "Usage:\nnpm prefix [-g]\n\nOptions:\n[-g|--global]\n\nRun \"npm help prefix\" for more info"],
  ["root", "Usage:\nnpm root\n\nOptions:\n[-g|--global]\n\nRun \"npm help root\" for more info"],
]);

/** The whole usage of `command` (description and body), or null when the playground has not got it. */
export function usageOf(command: string): string | null {
  const body = BODIES.get(command);
  return body === undefined ? null : `${COMMANDS.get(command) ?? command}\n\n${body}`;
}
