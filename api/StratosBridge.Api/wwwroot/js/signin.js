// Sign-in for /ops (admin token) and /business (API key): the secret is kept in this tab's sessionStorage only (gone when
// the tab closes), sent as "Authorization: Bearer …", and checked by the API on the first call.
import { showError } from "./api.js";

/**
 * Wires a sign-in form (#signin with an input #secret) and a sign-out button (#signout) to `storageKey`; calls
 * `load(secret)` when signed in. A refusal (401/403) signs out and shows the API's sentence in #signin-error.
 */
export function signIn(storageKey, load) {
  const form = document.getElementById("signin");
  const signedIn = document.getElementById("signed-in");
  const error = document.getElementById("signin-error");
  const out = () => { sessionStorage.removeItem(storageKey); form.hidden = false; signedIn.hidden = true; };
  const start = async (secret) => {
    form.hidden = true; signedIn.hidden = false; error.hidden = true;
    try {
      await load(secret);
    } catch (e) {
      if (e.status === 401 || e.status === 403) { out(); showError(error, e); } else { showError(document.getElementById("error"), e); }
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const secret = document.getElementById("secret").value.trim();
    if (!secret) return;
    sessionStorage.setItem(storageKey, secret);
    document.getElementById("secret").value = "";
    start(secret);
  });
  document.getElementById("signout").addEventListener("click", out);
  const kept = sessionStorage.getItem(storageKey);
  if (kept) start(kept); else out();
}
