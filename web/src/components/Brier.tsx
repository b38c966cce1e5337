/** The Brier score always travels with its scale: 0–1 one-sided (0 perfect, always-50% scores 0.25), or 0–2 two-sided. */
export const BRIER_SCALE_ONE_SIDED = 'Brier one-sided, 0–1: 0 is perfect, always answering 50% scores 0.25; lower is better';

export function Brier({
  value,
  scale = BRIER_SCALE_ONE_SIDED,
  twoSided = false,
}: {
  value: number | null | undefined;
  scale?: string;
  twoSided?: boolean;
}) {
  if (value == null) {
    return (
      <span className="brier" title={scale}>
        — <span className="brier-scale">(not scored yet)</span>
      </span>
    );
  }
  return (
    <span className="brier" title={scale}>
      <strong>{value.toFixed(3)}</strong> <span className="brier-scale">Brier, {twoSided ? '0–2' : '0–1'} scale, lower is better</span>
    </span>
  );
}
