// The redis release the built-in redis:7-alpine image carries.
export const REDIS_VERSION = '7.4.2';
