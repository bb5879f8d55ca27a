import type { Marked } from "@/lib/search/highlight";

/** Text with the query's words in <mark> (search results on the portal and in the library). */
export function MarkedText({ pieces }: { pieces: Marked }) {
  return (
    <>
      {pieces.map((piece, index) =>
        piece.mark ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </>
  );
}
