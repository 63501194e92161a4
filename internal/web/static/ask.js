// The page's first question, asked at once, in the page's head, while
// the rest of the page and its script are still being read: the state at
// the iteration in the address. app.js draws it (first.answer).
'use strict';

// stateQuery is the query that asks for the state at an iteration: the
// page's query with that iteration and without the speed.
function stateQuery(q, iter) {
  q = new URLSearchParams(q);
  q.set('iter', String(iter));
  q.delete('speed');
  return q;
}

// ask fetches a URL and reads its JSON answer: {res, body}.
async function ask(url) {
  const res = await fetch(url);
  return { res, body: await res.json() };
}

const first = (() => {
  const q = new URLSearchParams(location.search);
  const iter = /^\d+$/.test(q.get('iter') || '') ? Number(q.get('iter')) : 0;
  return { iter, answer: ask('/api/state?' + stateQuery(q, iter)) };
})();
