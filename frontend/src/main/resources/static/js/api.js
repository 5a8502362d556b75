// Calls to the REST API from the pages: same-origin with the login session, and the CSRF token that the
// API asks of session calls that change something.
window.HourglassApi = (function () {
  function meta(name) {
    const element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : null;
  }

  /** Resolves to {ok, status, body}; body is the JSON answer (a plan, or a problem+json with errors[]). */
  async function postJson(url, body) {
    const headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    const header = meta('csrf-header');
    if (header) {
      headers[header] = meta('csrf-token');
    }
    const response = await fetch(url, {method: 'POST', headers: headers, body: JSON.stringify(body),
      credentials: 'same-origin'});
    return {ok: response.ok, status: response.status, body: await response.json().catch(() => null)};
  }

  async function getJson(url) {
    const response = await fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'});
    if (!response.ok) {
      throw new Error(url + ' answered ' + response.status);
    }
    return response.json();
  }

  return {postJson: postJson, getJson: getJson};
})();
