import { ReviewQueue } from '../features/review/ReviewQueue';

export default function ReviewQueuePage() {
  return <ReviewQueue />;
}
