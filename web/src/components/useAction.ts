import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A write from a page: runs it, shows its error (the API's message) until the next try, and refreshes
 * the queries it affects once it succeeded.
 */
export function useAction<Input, Output>(
  run: (input: Input) => Promise<Output>,
  invalidate: QueryKey[],
  onDone?: (output: Output) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (output) => {
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onDone?.(output);
    },
  });
}
