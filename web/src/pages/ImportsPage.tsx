import { Imports } from '../features/imports/Imports';

export default function ImportsPage() {
  return <Imports />;
}
