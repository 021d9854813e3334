// Volumes: named and anonymous ones, each a filesystem of its own that
// outlives the containers using it. An empty volume mounted where the image
// has files is seeded with them on first use, as Docker does.
import { cloneTree, type DirNode } from '../fs/node.ts';
import { MemoryFs } from '../fs/memory.ts';
import { ContainerError } from './errors.ts';

export interface Volume {
  name: string;
  fs: MemoryFs;
  anonymous: boolean;
  labels: Record<string, string>;
  created: number;
  /** Has been filled from an image at least once (kept in snapshots; seeding itself only asks whether it is empty). */
  seeded: boolean;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export class Volumes {
  private readonly byName = new Map<string, Volume>();

  constructor(private readonly newId: () => string, private readonly now: () => number) {}

  list(): Volume[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  get(name: string): Volume {
    const v = this.byName.get(name);
    if (!v) throw new ContainerError(`get ${name}: no such volume`, 404);
    return v;
  }

  /** Creates a volume (a named one that exists is returned as it is, like `docker volume create`). */
  create(name?: string, labels: Record<string, string> = {}): Volume {
    if (name !== undefined) {
      if (!NAME.test(name)) throw new ContainerError(`create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`, 400);
      const existing = this.byName.get(name);
      if (existing) return existing;
    }
    const v: Volume = { name: name ?? this.newId(), fs: new MemoryFs({ now: this.now }), anonymous: name === undefined, labels, created: this.now(), seeded: false };
    this.byName.set(v.name, v);
    return v;
  }

  /** A volume read back from a snapshot, with its files. */
  restore(saved: Omit<Volume, 'fs'>, root: DirNode): Volume {
    const v: Volume = { ...saved, fs: new MemoryFs({ now: this.now, root }) };
    this.byName.set(v.name, v);
    return v;
  }

  /**
   * Fills an empty volume with what the image has at the mount point, each
   * time it is mounted while empty (moby's copyExistingContents: "destination
   * is not empty, do not copy") — so a volume first mounted where the image
   * has nothing is still filled by a later mount over the image's files.
   */
  seed(v: Volume, fromImage: DirNode | null): void {
    if (!fromImage || v.fs.readdirSync('/').length > 0) return;
    v.seeded = true;
    for (const [name, entry] of fromImage.entries) if (entry.kind !== 'whiteout') v.fs.root.entries.set(name, cloneTree(entry));
    v.fs.root.meta = { ...fromImage.meta };
  }

  remove(name: string, inUseBy: string | null): void {
    this.get(name);
    if (inUseBy) throw new ContainerError(`remove ${name}: volume is in use - [${inUseBy}]`, 409);
    this.byName.delete(name);
  }
}
