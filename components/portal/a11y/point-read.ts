// 指读: when it is on, the text of the element the pointer rests on (or keyboard focus lands on) is
// highlighted and read aloud after a short pause, so a visitor who reads with difficulty hears
// what they point at. Only text elements are read: a headline, a paragraph, a list item, a link,
// a table cell, a button — never a whole layout block.

import { readableElement, textToRead } from "./read-text";
import { speak } from "./speech";

/** The pointer has to rest this long before anything is read (moving across the page reads nothing). */
export const POINT_READ_DELAY_MS = 600;
export const READING_ATTRIBUTE = "data-a11y-reading";

/** Starts 指读 on the page; returns the function that ends it. */
export function startPointReading(scope: Element): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Element | null = null;
  let reading: Element | null = null;

  const clearMark = () => {
    reading?.removeAttribute(READING_ATTRIBUTE);
    reading = null;
  };
  const aim = (event: Event) => {
    const element = readableElement(event.target, scope);
    if (element === pending) return;
    pending = element;
    clearTimeout(timer);
    if (element !== reading) clearMark();
    if (!element) return;
    timer = setTimeout(() => {
      reading = element;
      element.setAttribute(READING_ATTRIBUTE, "");
      speak(textToRead(element));
    }, POINT_READ_DELAY_MS);
  };
  const leave = () => {
    pending = null;
    clearTimeout(timer);
    clearMark();
  };

  scope.addEventListener("pointerover", aim);
  scope.addEventListener("focusin", aim);
  scope.addEventListener("pointerleave", leave);
  return () => {
    scope.removeEventListener("pointerover", aim);
    scope.removeEventListener("focusin", aim);
    scope.removeEventListener("pointerleave", leave);
    leave();
  };
}
