// The focal point (焦点) of a title image: where its subject is, as fractions of the width and
// height from the top left. Focus-image blocks show the image cropped by CSS around it, and share
// cards are cut around it, so a face or a building stays in view whatever the frame's shape.
// Pure: used by the editor in the browser and by the server.

export type FocalPoint = { focalX: number; focalY: number };
export type Box = { left: number; top: number; width: number; height: number };

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5);
/** Three decimals: finer than any screen can point, and stable in the content hash. */
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** The focal point where a click landed on an image shown in `box` (client coordinates). */
export function focalPointFromClick(box: Box, clientX: number, clientY: number): FocalPoint {
  if (box.width <= 0 || box.height <= 0) return { focalX: 0.5, focalY: 0.5 };
  return {
    focalX: round3(clamp01((clientX - box.left) / box.width)),
    focalY: round3(clamp01((clientY - box.top) / box.height)),
  };
}

/** CSS `object-position` keeping the focal point in view when the image is cropped to a frame. */
export function focalObjectPosition(point: FocalPoint): string {
  const percent = (value: number) => `${round3(clamp01(value) * 100)}%`;
  return `${percent(point.focalX)} ${percent(point.focalY)}`;
}

/**
 * The largest region of the given aspect ratio (width / height) inside an image, centred on the
 * focal point as far as the image's edges allow. Whole pixels.
 */
export function focalCrop(image: { width: number; height: number }, point: FocalPoint, aspect: number): Box {
  const width = Math.min(image.width, Math.round(image.height * aspect));
  const height = Math.min(image.height, Math.round(width / aspect));
  const place = (size: number, span: number, at: number) =>
    Math.min(Math.max(0, Math.round(clamp01(at) * size - span / 2)), size - span);
  return {
    left: place(image.width, width, point.focalX),
    top: place(image.height, height, point.focalY),
    width,
    height,
  };
}
