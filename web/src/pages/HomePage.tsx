import { useUser } from '../app/session';

export default function HomePage() {
  const user = useUser();
  return (
    <section>
      <h1>Welcome, {user.displayName}</h1>
    </section>
  );
}
