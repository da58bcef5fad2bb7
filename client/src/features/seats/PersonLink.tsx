/** A seat holder's name, linked to their seats (the Seats view by person). */
import { Link } from "react-router";

export function seatsOfPerson(userId: string): string {
  return `/seats?person=${encodeURIComponent(userId)}`;
}

export function PersonLink({
  user,
  className = "font-medium text-indigo-700 hover:underline dark:text-indigo-300",
}: {
  user: { id: string; name: string; email?: string | null };
  className?: string;
}) {
  return (
    <Link to={seatsOfPerson(user.id)} className={className}>
      {user.name || user.email || "A user"}
    </Link>
  );
}
