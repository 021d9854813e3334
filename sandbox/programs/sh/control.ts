// Control flow that unwinds the interpreter: break, continue, return.

export class BreakLoop { constructor(readonly levels: number) {} }
export class ContinueLoop { constructor(readonly levels: number) {} }
export class ReturnFromFunction { constructor(readonly status: number) {} }
