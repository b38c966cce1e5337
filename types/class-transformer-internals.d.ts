// class-transformer keeps its decorators' metadata in a storage its index does not export; the query
// fast path (query-fast-path.ts) reads it from the very module the library uses. Only what it reads.
declare module 'class-transformer/cjs/storage.js' {
  interface TypeMetadata {
    typeFunction?: (options?: unknown) => unknown;
    reflectedType: unknown;
    options?: { discriminator?: unknown };
  }
  interface TransformMetadata {
    transformFn: (params: Record<string, unknown>) => unknown;
  }
  export const defaultMetadataStorage: {
    getExposedMetadatas(target: object): unknown[];
    getExcludedMetadatas(target: object): unknown[];
    findTypeMetadata(target: object, propertyName: string): TypeMetadata | undefined;
    findTransformMetadatas(target: object, propertyName: string, transformationType: number): TransformMetadata[];
  };
}
declare module 'class-transformer/cjs/constants/default-options.constant.js' {
  export const defaultOptions: Record<string, unknown>;
}
