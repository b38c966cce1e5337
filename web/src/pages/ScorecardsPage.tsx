import { Scorecards } from '../features/scorecards/Scorecards';

export default function ScorecardsPage() {
  return <Scorecards />;
}
