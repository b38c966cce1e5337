import { People } from '../features/admin/People';

export default function AdminPage() {
  return <People />;
}
