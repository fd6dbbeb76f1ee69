import { readRefusal, photoProblem } from './problems.ts';

/** The server's answer to an upload (201). */
export interface UploadedPhoto {
  id: string;
  noteId: string | null;
  url: string;
  thumbnailUrl: string;
}

export type UploadOutcome = { ok: true; photo: UploadedPhoto } | { ok: false; problem: string };

export const uploadPath = (caseId: string) =>
  `/api/faults/${encodeURIComponent(caseId)}/attachments/`;

/**
 * Sends one photo to the case (under the note `noteId`) with the access token. XMLHttpRequest,
 * not fetch: only it reports how much of the body has gone (`onprogress` 0…1). Never rejects:
 * a refusal or a lost connection is an outcome with the reason in words.
 */
export function uploadPhoto(options: {
  caseId: string;
  noteId: string | null;
  file: Blob;
  fileName: string;
  token: string | null;
  onprogress?: (fraction: number) => void;
}): Promise<UploadOutcome> {
  const { caseId, noteId, file, fileName, token, onprogress } = options;
  return new Promise((resolve) => {
    const form = new FormData();
    if (noteId) form.append('noteId', noteId);
    form.append('file', file, fileName);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadPath(caseId));
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onprogress?.(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve({ ok: true, photo: JSON.parse(xhr.responseText) as UploadedPhoto });
          return;
        } catch {
          // An answer that is not the photo: say it failed rather than pretend.
        }
      }
      resolve({ ok: false, problem: photoProblem(readRefusal(xhr.status, xhr.responseText)) });
    };
    xhr.onerror = () =>
      resolve({ ok: false, problem: photoProblem({ status: 0, code: null, details: {} }) });
    xhr.send(form);
  });
}
