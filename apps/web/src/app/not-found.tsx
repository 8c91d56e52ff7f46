import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card narrow">
      <h1>Page not found</h1>
      <p>This address does not exist. Check the link, or go back to your studies.</p>
      <Link href="/studies/">Your studies</Link>
    </section>
  );
}
