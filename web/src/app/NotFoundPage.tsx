import { Link } from 'react-router';
import { Empty } from '../components/states';

export function NotFoundPage() {
  return (
    <Empty title="There is no page here" action={<Link to="/">Go to the home page</Link>}>
      The link may be mistyped, or the page may have moved.
    </Empty>
  );
}
