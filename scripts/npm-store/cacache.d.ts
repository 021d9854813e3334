// The part of cacache (npm's content-addressed cache) the store's build step
// uses: reading a tarball back by its integrity (verified), and, in tests,
// putting one into a cache of their own.
declare module 'cacache' {
  interface Get {
    byDigest(cache: string, integrity: string, opts?: { memoize?: boolean }): Promise<Buffer>;
  }
  interface Cacache {
    get: Get;
    put(cache: string, key: string, data: Uint8Array, opts?: { algorithms?: string[] }): Promise<string>;
  }
  const cacache: Cacache;
  export default cacache;
}
