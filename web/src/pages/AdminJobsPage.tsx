import { Jobs } from '../features/admin/Jobs';

export default function AdminJobsPage() {
  return <Jobs />;
}
