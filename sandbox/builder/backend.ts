// What the builder needs from the daemon (moby's builder/builder.go): the
// image and layer stores, a way to get a base image, and a way to run a
// command in a throw-away container. The daemon implements it; the builder
// never reaches further.
import type { DirNode } from '../fs/node.ts';
import type { Image, ImageStore } from '../image/store.ts';
import type { LayerStore } from '../layer/store.ts';

export interface RunStepRequest {
  /** ID of the throw-away container (printed as ` ---> Running in <id>`). */
  containerId: string;
  /** The image's merged root; the container gets a writable layer on top. */
  rootfs: DirNode;
  argv: string[];
  env: string[];
  /** `USER` as written (`app`, `1000:1000`); '' for root. */
  user: string;
  workdir: string;
  onStdout(chunk: Uint8Array): void;
  onStderr(chunk: Uint8Array): void;
}

export interface RunStepResult {
  exitCode: number;
  /** The container's writable layer: the step's change set. */
  changes: DirNode;
}

export interface BuildBackend {
  readonly images: ImageStore;
  readonly layers: LayerStore;
  /** A local image, or a pullable one; throws Docker's pull error otherwise. */
  getImage(ref: string): Promise<Image>;
  /** Runs one RUN step; rejects only when the container cannot start. */
  runStep(req: RunStepRequest): Promise<RunStepResult>;
  newContainerId(): string;
  /** Wall clock (ms) for `created` times. */
  now(): number;
}

export class BuildError extends Error {
  override name = 'BuildError';
}
