import { PublicScorecard } from '../features/scorecards/PublicScorecard';

export default function PublicScorecardPage() {
  return <PublicScorecard />;
}
