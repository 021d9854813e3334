// What the Dockerfile completion knows about images: the engine's own,
// read through the Engine API (GET /images/json, as `docker images` does).
// dockerfile-language-service would ask Docker Hub for an image's tags; this
// page never touches the network, and in the playground the images that
// can be used are exactly the local ones — so `FROM nginx:|` proposes the
// tags the engine has.

/** The part of an /images/json entry this needs. */
export interface ImageSummaryTags {
  RepoTags?: string[] | null;
}

/** Where completion gets image names and tags. */
export interface ImageSource {
  /** Tags of `image` (a repository: `nginx`, `library/nginx`, `docker.io/library/nginx`). */
  getTags(image: string): Promise<string[]>;
  /** Every repository with at least one tag: `['alpine', 'busybox', 'nginx']`. */
  repositories(): Promise<string[]>;
}

/** `familiar('docker.io/library/nginx')` → `'nginx'`. */
export function familiar(repo: string): string {
  return repo.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

/** Splits `'nginx:alpine'` (or `'localhost:5000/app:1'`) into repository and tag. */
function splitTag(ref: string): [string, string] | null {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= slash) return null;
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}

/** The tags that `images` have for `image`, sorted. `tagsOf([{ RepoTags: ['nginx:alpine'] }], 'nginx')` → `['alpine']`. */
export function tagsOf(images: readonly ImageSummaryTags[], image: string): string[] {
  const want = familiar(image);
  const tags = new Set<string>();
  for (const img of images) {
    for (const ref of img.RepoTags ?? []) {
      const split = splitTag(ref);
      if (split && familiar(split[0]) === want) tags.add(split[1]);
    }
  }
  return [...tags].sort();
}

/** The repositories of `images`, familiar names, sorted and unique. */
export function repositoriesOf(images: readonly ImageSummaryTags[]): string[] {
  const repos = new Set<string>();
  for (const img of images) {
    for (const ref of img.RepoTags ?? []) {
      const split = splitTag(ref);
      if (split && split[0] !== '<none>') repos.add(familiar(split[0]));
    }
  }
  return [...repos].sort();
}

/**
 * The engine's images as an ImageSource. A failing call (the engine not
 * started yet) gives no proposals rather than an error in the editor.
 */
export function engineImages(client: { json<T>(method: string, path: string): Promise<T> }): ImageSource {
  const list = (): Promise<ImageSummaryTags[]> => client.json<ImageSummaryTags[]>('GET', '/images/json').catch(() => []);
  return {
    getTags: async (image) => tagsOf(await list(), image),
    repositories: async () => repositoriesOf(await list()),
  };
}
