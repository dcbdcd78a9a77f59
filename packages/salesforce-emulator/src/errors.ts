/** A failed DML/validation step: REST turns it into `[{message, errorCode, fields}]`, collections into `statusCode`. */
export class DmlError extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
    readonly fields: string[] = [],
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}
