// Errors of daemon operations, with the HTTP status the Engine API answers
// (404 no such…, 409 conflict, 400 bad parameter).

export class ContainerError extends Error {
  override name = 'ContainerError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}
