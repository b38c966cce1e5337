/** Prisma error codes the API maps to client errors (https://www.prisma.io/docs/orm/reference/error-reference). */
export enum PrismaErrorCode {
  ValueTooLong = 'P2000',
  UniqueConstraintFailed = 'P2002',
  ForeignKeyConstraintFailed = 'P2003',
  ConstraintFailed = 'P2004',
  InvalidValue = 'P2007',
  NullConstraintViolation = 'P2011',
  RecordNotFound = 'P2025',
  TransactionTimeout = 'P2028',
  WriteConflict = 'P2034',
}
