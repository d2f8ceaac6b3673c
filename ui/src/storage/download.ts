/** Saves bytes as a file through the browser's download, named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started once click() returns; keep the URL a moment for slow browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
