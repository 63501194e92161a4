// The playground page. It asks the server for every number it shows and
// draws what it gets: the training, the outputs, the losses, the lines
// and the worked steps are all computed by the server, with the same code
// as `neuron train`. The address holds the whole setup and the iteration
// shown, so a reload or a shared link shows the same numbers.
'use strict';

const $ = (id) => document.getElementById(id);

// page is what the page knows: the query it shows (setup, view and
// iteration, as the server last wrote it), the last state and frame, the
// loss curve drawn, and the stream while one runs.
const page = {
  q: new URLSearchParams(location.search),
  st: null,        // the last state from /api/state (setup, table, view)
  frame: null,     // the frame drawn last
  history: [],     // loss points drawn
  stream: null,    // the AbortController of the running stream
  seq: 0,          // numbers requests for a state; only the latest is drawn
  want: 0,         // the iteration asked for last: steps count from it
  firstFrame: null, // ms from navigation to the first frame drawn
  frames: 0,
};
window.neuronPage = page; // for tests and the curious

let speeds = []; // the choices of speed: value for the query, label for people

// The heat map's colours for the outputs 0, ¼, ½, ¾ and 1, as in the
// command's pictures; 256 shades between them.
const stops = [[0x5a, 0x9b, 0xd0], [0xa9, 0xcf, 0xe8], [0xf5, 0xf5, 0xf5], [0xf6, 0xb1, 0x94], [0xdf, 0x72, 0x5f]];
const palette = Array.from({ length: 256 }, (_, k) => {
  const s = (k / 255) * (stops.length - 1);
  const i = Math.min(Math.floor(s), stops.length - 2);
  const f = s - i;
  return stops[i].map((a, c) => Math.round(a + f * (stops[i + 1][c] - a)));
});
const rowColours = ['#2d6a87', '#c0583f', '#6b8e23', '#8a5fa8', '#b8860b', '#2f8f83', '#a0522d', '#5f6f9f',
  '#9c6b30', '#3f7f5f', '#a84f7f', '#4f7fa8', '#7f7f2f', '#8f4f4f', '#4f8f8f', '#6f5f8f'];

// Numbers are formatted for reading; the values are the server's.
const fmt = {
  count: (n) => n.toLocaleString('en-US'),
  out: (v) => (v === null ? '—' : v.toFixed(4)),
  loss: (v) => (v === null ? '—' : v === 0 ? '0' : v < 1e-4 || v >= 1e4 ? v.toExponential(2) : v.toPrecision(3)),
  weight: (v) => (v === null ? '—' : String(Number(v.toPrecision(6)))),
};

// ---- asking the server ----

// ask and stateQuery are in ask.js, which asked for the first state
// (first) before this script was read.

// load asks for the state at an iteration of the page's setup and shows
// it; answer, if given, is that question already asked. Answers to older
// requests are dropped.
async function load(iter, answer) {
  const seq = ++page.seq;
  page.want = iter;
  let res, body;
  try {
    ({ res, body } = await (answer || ask('/api/state?' + stateQuery(page.q, iter))));
  } catch (e) {
    if (seq === page.seq) showError('The server did not answer. Is neuron serve still running?');
    return;
  }
  if (seq !== page.seq) return;
  if (res.status === 422 && body.reason === 'not-separable') showCannot(body);
  else if (!res.ok) showError(body.error || res.statusText);
  else showState(body);
}

// play starts a stream from the iteration shown, or pauses one.
async function play() {
  if (page.stream) {
    pause();
    return;
  }
  if (!page.frame || !page.st) return;
  const from = page.st.finished && page.frame.iter === page.st.iter ? 0 : page.frame.iter;
  if (from === 0 && page.st.finished) {
    page.history = page.history.slice(0, 1);
  }
  const ctrl = new AbortController();
  page.stream = ctrl;
  setPlaying(true);
  $('explain').textContent = 'Playing. Pause (space) or step (→) to see a step worked by hand.';
  const q = new URLSearchParams(page.q);
  q.delete('iter');
  q.set('from', String(from));
  q.set('speed', speeds[$('speed').value].value);
  try {
    const res = await fetch('/api/run?' + q, { signal: ctrl.signal });
    if (!res.ok) {
      const body = await res.json();
      throw new Error(body.error || res.statusText);
    }
    await readEvents(res.body, (event, data) => {
      if (page.stream !== ctrl) return;
      const f = JSON.parse(data);
      if (f.status === 'error') throw new Error(f.message);
      addPoint(f.point);
      scheduleDraw(f);
    });
  } catch (e) {
    if (page.stream === ctrl) {
      stopStream();
      showError(e instanceof TypeError ? 'The stream broke off. Press play to go on.' : e.message);
    }
    return;
  }
  if (page.stream === ctrl) {
    // The run ended (or the stream's time ran out): show the full state
    // there, with its step worked by hand.
    page.stream = null;
    setPlaying(false);
    await waitDrawn();
    load(page.frame.iter);
  }
}

// stopStream closes the stream, if one runs; the server stops training
// at once. It reports whether one ran.
function stopStream() {
  const ctrl = page.stream;
  if (!ctrl) return false;
  page.stream = null;
  ctrl.abort();
  setPlaying(false);
  return true;
}

// pause stops the stream and shows the state where it got to, with its
// step worked by hand.
function pause() {
  if (stopStream()) waitDrawn().then(() => load(page.frame.iter));
}

// step shows the next iteration: after the one shown, or after the one
// asked for if a step is on its way, so that quick presses all count.
function step() {
  if (!page.frame || (page.st && page.st.finished && page.frame.iter === page.st.iter && page.want === page.st.iter)) return;
  if (stopStream()) waitDrawn().then(() => load(page.frame.iter + 1));
  else load(page.want + 1);
}

// reset goes back to iteration 0: the same starting weights.
function reset() {
  stopStream();
  load(0);
}

// readEvents reads Server-Sent Events from a response body and calls on
// with each event's name and data.
async function readEvents(body, on) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let k;
    while ((k = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, k);
      buf = buf.slice(k + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) on(event, data.join('\n'));
    }
  }
}

// ---- changing the setup ----

// change sets query keys (null deletes) and shows the new setup from
// iteration 0, or from the same iteration when only the view changes.
function change(keys, keepIter) {
  stopStream();
  for (const [k, v] of Object.entries(keys)) {
    if (v === null) page.q.delete(k);
    else page.q.set(k, v);
  }
  load(keepIter && page.frame ? page.frame.iter : 0);
}

// A new function, model or seed starts from a new random start; the
// learning settings keep the weights the learner set.
const fresh = { start: null, force: null };

function setupControls() {
  $('func').addEventListener('change', () => {
    const v = $('func').value;
    $('own-field').hidden = v !== '';
    if (v === '') {
      $('own').focus();
      return;
    }
    change({ func: v, ...fresh, show: null, fix: null });
  });
  $('own').addEventListener('change', () => change({ func: $('own').value, ...fresh, show: null, fix: null }));
  $('hidden').addEventListener('change', () => change({ hidden: $('hidden').value, ...fresh }));
  $('loss').addEventListener('change', () => change({ loss: $('loss').value }));
  $('stop').addEventListener('change', () => change({ stop: $('stop').value, goal: 'auto' }));
  for (const [id, key] of [['rate', 'rate'], ['goal', 'goal'], ['cap', 'max-iter']]) {
    $(id).addEventListener('change', () => change({ [key]: $(id).value.trim() || (key === 'goal' ? 'auto' : '') }));
  }
  $('seed').addEventListener('change', () => change({ seed: $('seed').value.trim(), start: null }));
  $('next-seed').addEventListener('click', () => {
    const s = page.q.get('seed') || '1';
    change({ seed: String(BigInt(s) + 1n), start: null });
  });
  $('show-x').addEventListener('change', showChanged);
  $('show-y').addEventListener('change', showChanged);
  $('play').addEventListener('click', play);
  $('step').addEventListener('click', step);
  $('reset').addEventListener('click', reset);
  $('random-start').addEventListener('click', () => change({ start: null }));
  $('speed').addEventListener('input', () => {
    showSpeed();
    setURL();
    // Go on at the new speed from where the stream is.
    if (stopStream()) waitDrawn().then(play);
  });
  document.addEventListener('keydown', keys);
  setupDrag();
}

function showChanged() {
  const vars = page.st ? page.st.func.vars : [];
  change({ show: vars[$('show-x').value] + ',' + vars[$('show-y').value] }, true);
}

// keys: space plays and pauses, → steps, except where the key belongs to
// a field, or space to a button it would press.
function keys(e) {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.target.isContentEditable) return;
  if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'SUMMARY') {
    e.preventDefault();
    play();
  } else if (e.key === 'ArrowRight') {
    e.preventDefault();
    step();
  }
}

// ---- showing answers ----

function showState(st) {
  page.st = st;
  page.q = new URLSearchParams(st.query);
  page.history = st.history.slice();
  fillControls(st);
  buildTable(st);
  buildNeurons(st);
  $('why').hidden = true;
  $('actions').replaceChildren();
  if (st.status === 'stalled') {
    // A start stuck in a local minimum: another start may not be.
    const next = String(BigInt(page.q.get('seed')) + 1n);
    $('actions').append(button(`Try the next seed (${next})`, () => change({ seed: next, start: null })));
  }
  $('explain').textContent = st.explain || 'Nothing has been learned yet at iteration 0. Step (→) to see the first step worked by hand.';
  $('command').textContent = st.command;
  $('random-start').hidden = !page.q.get('start');
  draw(st);
  announce(st.message, `${st.status} ${st.iter}`);
  setURL();
}

function fillControls(st) {
  const q = page.q;
  const func = q.get('func');
  const named = [...$('func').options].some((o) => o.value === func && func !== '');
  $('func').value = named ? func : '';
  $('own-field').hidden = named;
  if (!named && document.activeElement !== $('own')) $('own').value = func;
  $('hidden').value = q.get('hidden');
  $('loss').value = q.get('loss');
  $('stop').value = q.get('stop');
  for (const [id, key] of [['rate', 'rate'], ['goal', 'goal'], ['cap', 'max-iter'], ['seed', 'seed']]) {
    if (document.activeElement !== $(id)) $(id).value = q.get(key);
  }
  const f = st.func;
  $('show-field').hidden = f.inputs <= 2;
  if (f.inputs > 2) {
    for (const [id, k] of [['show-x', 0], ['show-y', 1]]) {
      const sel = $(id);
      sel.replaceChildren(...f.vars.map((v, i) => new Option(v, String(i))));
      sel.value = String(st.show[k]);
    }
    const boxes = f.vars.map((v, i) => {
      if (i === st.show[0] || i === st.show[1]) return null;
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = st.fix[i] === '1';
      box.addEventListener('change', () => {
        const fix = [...page.st.fix];
        fix[i] = box.checked ? '1' : '0';
        change({ fix: fix.join('') }, true);
      });
      label.append(box, ` ${v} = 1`);
      return label;
    }).filter(Boolean);
    $('fixed').replaceChildren(...boxes);
  }
}

// showCannot shows that one neuron cannot learn the function, why, and
// the ways on: a network, or one neuron anyway.
function showCannot(body) {
  page.st = null;
  page.frame = null;
  page.q = new URLSearchParams(body.query);
  page.history = [];
  fillControls({ func: body.func, show: [0, body.func.inputs > 1 ? 1 : -1], fix: '0'.repeat(body.func.inputs) });
  setStatus('cannot', body.message);
  announce(body.message, 'cannot ' + body.query);
  $('iter').textContent = '0';
  $('why').textContent = body.explain;
  $('why').hidden = false;
  const net = button(`Use two layers (${body.hidden} hidden neurons)`, () => change({ hidden: String(body.hidden), ...fresh }));
  net.id = 'use-network';
  net.className = 'primary';
  const force = button('Train one neuron anyway', () => change({ force: 'true', start: null }));
  force.id = 'force';
  $('actions').replaceChildren(net, force);
  $('command').textContent = body.command + '   (one neuron cannot learn it)';
  $('neurons').replaceChildren();
  $('totals').textContent = '';
  $('explain').textContent = 'One neuron cannot learn this function: there is no step to explain.';
  buildTable({ func: body.func, table: body.table, show: [0, 1] });
  drawHeat(null, body.table, body.func);
  drawLoss();
  setURL();
  updateButtons();
}

function showError(msg) {
  setStatus('error', msg);
  announce(msg, 'error ' + msg);
  updateButtons();
}

function setStatus(status, message) {
  $('message').parentElement.dataset.status = status;
  $('message').textContent = message;
}

// announce tells a screen reader what happened: once for each status
// and iteration shown (what), not for every frame of a stream or a drag.
let announced = '';
function announce(msg, what) {
  if (what === announced) return;
  announced = what;
  $('announce').textContent = msg;
}

function button(text, onclick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onclick);
  return b;
}

function setPlaying(on) {
  $('play').textContent = on ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(on));
  if (!on) setURL();
  updateButtons();
}

function updateButtons() {
  const end = !page.frame || (page.st && page.st.finished && page.frame.iter === page.st.iter && !page.stream);
  $('step').disabled = end;
  $('play').disabled = !page.frame;
  $('reset').disabled = !page.frame;
}

function showSpeed() {
  const s = speeds[$('speed').value];
  $('speed-out').textContent = s.label;
  $('speed').setAttribute('aria-valuetext', s.label);
}

// setURL writes the page's query, with the iteration shown and the
// speed, into the address: a link to this moment.
let urlTimer = null;
function setURL() {
  const write = () => {
    clearTimeout(urlTimer);
    urlTimer = null;
    const q = new URLSearchParams(page.q);
    if (page.frame) q.set('iter', String(page.frame.iter));
    q.set('speed', speeds[$('speed').value].value);
    history.replaceState(null, '', '?' + q);
  };
  if (!page.stream) write();
  else if (!urlTimer) urlTimer = setTimeout(write, 1000); // while playing, once a second: browsers limit how often
}

// ---- drawing ----

let pending = null;
let drawn = null; // resolves waiters once the pending frame is drawn
function scheduleDraw(f) {
  const first = !pending;
  pending = f;
  if (first) requestAnimationFrame(() => {
    const g = pending;
    pending = null;
    draw(g);
    if (drawn) {
      drawn();
      drawn = null;
    }
  });
}

// waitDrawn waits for the frame in hand to be drawn.
function waitDrawn() {
  if (!pending) return Promise.resolve();
  return new Promise((resolve) => {
    const prev = drawn;
    drawn = () => {
      if (prev) prev();
      resolve();
    };
  });
}

function addPoint(p) {
  const h = page.history;
  if (h.length && p.i <= h[h.length - 1].i) return;
  h.push(p);
  if (h.length > 2000) page.history = h.filter((_, k) => k % 2 === 0 || k === h.length - 1);
}

// draw shows a frame: every number and picture of it.
function draw(f) {
  page.frame = f;
  const st = page.st;
  $('iter').textContent = fmt.count(f.iter);
  setStatus(f.status, f.message);
  for (const [k, n] of f.neurons.entries()) {
    const box = $('neuron-' + k);
    if (!box) continue;
    box.querySelector('.formula').textContent = n.formula;
    for (const input of box.querySelectorAll('input')) {
      if (document.activeElement !== input) input.value = fmt.weight(f.params[+input.dataset.index]);
    }
  }
  const body = $('rows-body').rows;
  const wrong = new Set(f.wrong);
  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    r.classList.toggle('wrong', wrong.has(i));
    r.querySelector('.o').textContent = fmt.out(f.out[i]);
    r.querySelector('.l').textContent = fmt.loss(f.loss[i]);
  }
  $('totals').textContent = `${f.correct} of ${f.out.length} rows on the right side of 0.5; largest row loss ${fmt.loss(f.max)}, mean ${fmt.loss(f.mean)}.`;
  drawHeat(f, st.table, st.func);
  drawLoss();
  $('heat').setAttribute('aria-label', `The output over inputs ${axisNames(st).join(' and ')} at iteration ${fmt.count(f.iter)}: ${f.correct} of ${f.out.length} rows on the right side of 0.5.`);
  page.frames++;
  if (page.firstFrame === null) page.firstFrame = performance.now();
  updateButtons();
  if (page.stream) setURL();
}

function axisNames(st) {
  return st.show[1] >= 0 ? [st.func.vars[st.show[0]], st.func.vars[st.show[1]]] : [st.func.vars[st.show[0]]];
}

// buildTable lays out the rows table for a new setup.
function buildTable(st) {
  const vars = st.func.vars;
  const head = vars.map((v) => `<th class="in" scope="col">${esc(v)}</th>`).join('');
  $('rows-head').innerHTML = head + '<th scope="col">expected</th><th scope="col">output</th><th scope="col">loss</th>';
  const rows = st.table.map((r) => {
    const tr = document.createElement('tr');
    if (!r.shown) tr.className = 'off';
    tr.innerHTML = r.x.map((x) => `<td class="in">${x}</td>`).join('') + `<td class="in">${r.t}</td><td class="o"></td><td class="l"></td>`;
    return tr;
  });
  $('rows-body').replaceChildren(...rows);
}

// buildNeurons lays out each neuron's formula and weight fields.
function buildNeurons(st) {
  const boxes = st.neurons.map((n, k) => {
    const box = document.createElement('div');
    box.className = 'neuron';
    box.id = 'neuron-' + k;
    const title = st.neurons.length > 1 ? `<h3>${esc(n.name)}</h3>` : '';
    box.innerHTML = title + '<p class="formula"></p><div class="weights"></div>';
    const w = n.name === 'output' ? 'v' : 'w';
    const fields = [...n.w.map((at, i) => [at, `${w}${i + 1} · ${n.inputs[i]}`]), [n.b, 'bias']];
    for (const [at, name] of fields) {
      const id = `p${at}`;
      const wrap = document.createElement('div');
      wrap.innerHTML = `<label for="${id}">${esc(name)}</label><input id="${id}" type="text" inputmode="decimal" autocomplete="off" data-index="${at}">`;
      const input = wrap.querySelector('input');
      input.addEventListener('change', () => setWeight(at, input.value));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') input.blur();
      });
      box.querySelector('.weights').append(wrap);
    }
    return box;
  });
  $('neurons').replaceChildren(...boxes);
  const one = st.neurons.length === 1;
  $('drag-hint').hidden = !one;
  $('heat').classList.toggle('draggable', one);
  $('key-hidden').hidden = one;
}

// setWeight starts the run from the weights shown, one of them typed:
// the server reads the number and computes everything from there.
function setWeight(at, text) {
  const p = page.frame.params.map(String);
  p[at] = text.trim().replace(/\u2212/g, '-');
  change({ start: p.join(',') });
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// sizeCanvas matches a canvas's pixels to its size on screen.
function sizeCanvas(cv) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(cv.clientWidth * dpr));
  const h = Math.max(1, Math.round(cv.clientHeight * dpr));
  if (cv.width !== w || cv.height !== h) {
    cv.width = w;
    cv.height = h;
  }
  const ctx = cv.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, w: cv.clientWidth, h: cv.clientHeight };
}

// The heat map's square on the canvas, and its mapping from input values.
function square(w, h) {
  const pad = { l: 34, r: 10, t: 10, b: 30 };
  const side = Math.max(10, Math.min(w - pad.l - pad.r, h - pad.t - pad.b));
  return { x0: pad.l, y0: pad.t, side };
}

let heatOff = null;
function drawHeat(f, table, func) {
  const cv = $('heat');
  const { ctx, w, h } = sizeCanvas(cv);
  ctx.clearRect(0, 0, w, h);
  const sq = square(w, h);
  const area = page.st ? page.st.area : { lo: -0.25, hi: 1.25 }; // a function one neuron cannot learn: the rows only
  const span = area.hi - area.lo;
  const px = (x) => sq.x0 + ((x - area.lo) / span) * sq.side;
  const py = (y) => sq.y0 + sq.side - ((y - area.lo) / span) * sq.side;
  const show = page.st ? page.st.show : [0, func.inputs > 1 ? 1 : -1];
  if (f) {
    // The grid's outputs as an image, smoothed; node j of a column is
    // row size−1−j of the image, as y grows upwards.
    const n = area.size;
    if (!heatOff || heatOff.width !== n) {
      heatOff = document.createElement('canvas');
      heatOff.width = heatOff.height = n;
    }
    const raw = atob(f.heat);
    const img = heatOff.getContext('2d').createImageData(n, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const c = palette[raw.charCodeAt(j * n + i)];
        const k = ((n - 1 - j) * n + i) * 4;
        img.data[k] = c[0];
        img.data[k + 1] = c[1];
        img.data[k + 2] = c[2];
        img.data[k + 3] = 255;
      }
    }
    heatOff.getContext('2d').putImageData(img, 0, 0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(sq.x0, sq.y0, sq.side, sq.side);
    ctx.clip();
    const cell = sq.side / (n - 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heatOff, sq.x0 - cell / 2, sq.y0 - cell / 2, sq.side + cell, sq.side + cell);
    ctx.restore();
  } else {
    ctx.fillStyle = '#eeece6';
    ctx.fillRect(sq.x0, sq.y0, sq.side, sq.side);
  }
  // Axes: 0 and 1 of each input shown.
  ctx.strokeStyle = 'rgba(35,38,43,0.25)';
  ctx.lineWidth = 1;
  ctx.fillStyle = '#5d6169';
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const v of [0, 1]) {
    ctx.beginPath();
    ctx.moveTo(px(v), sq.y0);
    ctx.lineTo(px(v), sq.y0 + sq.side);
    if (show[1] >= 0) {
      ctx.moveTo(sq.x0, py(v));
      ctx.lineTo(sq.x0 + sq.side, py(v));
    }
    ctx.stroke();
    ctx.fillText(String(v), px(v), sq.y0 + sq.side + 14);
    if (show[1] >= 0) ctx.fillText(String(v), sq.x0 - 10, py(v) + 4);
  }
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.fillText(func.vars[show[0]], sq.x0 + sq.side / 2, sq.y0 + sq.side + 27);
  if (show[1] >= 0) {
    ctx.save();
    ctx.translate(sq.x0 - 24, sq.y0 + sq.side / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(func.vars[show[1]], 0, 0);
    ctx.restore();
  }
  ctx.strokeStyle = '#23262b';
  ctx.strokeRect(sq.x0 + 0.5, sq.y0 + 0.5, sq.side - 1, sq.side - 1);
  if (f) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(sq.x0, sq.y0, sq.side, sq.side);
    ctx.clip();
    // The hidden neurons' own lines, dashed, each named.
    ctx.setLineDash([7, 4]);
    ctx.strokeStyle = '#6a1b9a';
    ctx.fillStyle = '#6a1b9a';
    ctx.lineWidth = 1.6;
    ctx.font = '600 12px system-ui, sans-serif';
    (f.hidden || []).forEach((s, j) => {
      if (s.length < 4) return;
      segments(ctx, s, px, py);
      const [x, y] = [px(s[0] + 0.08 * (s[2] - s[0])), py(s[1] + 0.08 * (s[3] - s[1]))];
      ctx.fillText('h' + (j + 1), x + 10, y);
    });
    ctx.setLineDash([]);
    // The boundary, where the output is 0.5.
    ctx.strokeStyle = '#23262b';
    ctx.lineWidth = 2.6;
    ctx.lineCap = 'round';
    segments(ctx, f.boundary, px, py);
    ctx.restore();
    // Handles to turn one neuron's line.
    for (const hd of handles(f)) {
      const [x, y] = [px(hd[0]), py(hd[1])];
      ctx.beginPath();
      ctx.moveTo(x, y - 7);
      ctx.lineTo(x + 7, y);
      ctx.lineTo(x, y + 7);
      ctx.lineTo(x - 7, y);
      ctx.closePath();
      ctx.fillStyle = '#2d6a87';
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
    }
  }
  // The rows, at their inputs: filled for 1, open for 0, ringed in gold
  // when on the wrong side of 0.5.
  const wrong = new Set(f ? f.wrong : []);
  table.forEach((r, i) => {
    if (!r.shown) return;
    const x = px(r.x[show[0]]);
    const y = show[1] >= 0 ? py(r.x[show[1]]) : py(0.5);
    if (wrong.has(i)) {
      ctx.beginPath();
      ctx.arc(x, y, 11, 0, 2 * Math.PI);
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = '#e0a800';
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, 2 * Math.PI);
    ctx.fillStyle = r.t ? '#23262b' : '#ffffff';
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#23262b';
    ctx.stroke();
  });
}

function segments(ctx, s, px, py) {
  ctx.beginPath();
  for (let k = 0; k + 3 < s.length; k += 4) {
    ctx.moveTo(px(s[k]), py(s[k + 1]));
    ctx.lineTo(px(s[k + 2]), py(s[k + 3]));
  }
  ctx.stroke();
}

// handles are the two points on one neuron's line that turn it, a fifth
// of the way in from each end of the line on the picture.
function handles(f) {
  const b = f.boundary;
  if (!f.line || !b || b.length !== 4 || f.line.IY < 0) return [];
  const at = (t) => [b[0] + t * (b[2] - b[0]), b[1] + t * (b[3] - b[1])];
  return [at(0.2), at(0.8)];
}

function drawLoss() {
  const cv = $('losscv');
  const { ctx, w, h } = sizeCanvas(cv);
  ctx.clearRect(0, 0, w, h);
  const pts = page.history;
  if (!pts.length || !page.st) return;
  const goal = page.st.goal;
  const pad = { l: 52, r: 12, t: 10, b: 26 };
  const floor = 1e-12;
  const lg = (v) => Math.log10(Math.max(v === null ? floor : v, floor));
  let lo = lg(goal) - 0.5;
  let hi = lg(goal) + 0.5;
  for (const p of pts) {
    lo = Math.min(lo, lg(p.mean));
    hi = Math.max(hi, lg(p.max));
    for (const r of p.rows || []) lo = Math.min(lo, lg(r));
  }
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  const last = Math.max(1, pts[pts.length - 1].i);
  const X = (i) => pad.l + (i / last) * (w - pad.l - pad.r);
  const Y = (v) => pad.t + ((hi - lg(v)) / (hi - lo)) * (h - pad.t - pad.b);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#5d6169';
  ctx.strokeStyle = '#eeebe3';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  const every = Math.max(1, Math.ceil((hi - lo) / 6));
  for (let e = lo; e <= hi; e += every) {
    const y = Y(10 ** e);
    ctx.beginPath();
    ctx.moveTo(pad.l, y);
    ctx.lineTo(w - pad.r, y);
    ctx.stroke();
    ctx.fillText(e === 0 ? '1' : `1e${e}`, pad.l - 6, y + 4);
  }
  ctx.textAlign = 'left';
  ctx.fillText('0', X(0), h - 8);
  ctx.textAlign = 'right';
  ctx.fillText(fmt.count(pts[pts.length - 1].i), X(last), h - 8);

  const line = (get, colour, width) => {
    ctx.beginPath();
    pts.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, X(p.i), Y(get(p))));
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
  };
  const rows = (pts[0].rows || []).length;
  for (let r = 0; r < rows; r++) line((p) => (p.rows ? p.rows[r] : null), rowColours[r % rowColours.length] + 'b0', 1);
  line((p) => p.mean, '#23262b', 2.4);
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(pad.l, Y(goal));
  ctx.lineTo(w - pad.r, Y(goal));
  ctx.strokeStyle = '#2e7d4f';
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#2e7d4f';
  ctx.textAlign = 'left';
  ctx.fillText('goal', pad.l + 4, Y(goal) - 4);
  cv.setAttribute('aria-label', `The loss on a log scale from iteration 0 to ${fmt.count(last)}: mean ${fmt.loss(pts[pts.length - 1].mean)}, goal ${fmt.loss(goal)}.`);
}

// ---- dragging one neuron's line ----

// Dragging the line moves it (its bias); dragging a handle turns it about
// the other handle (its weights, their size kept). Each position is sent
// to the server as starting weights; what it answers is drawn.
function setupDrag() {
  const cv = $('heat');
  let drag = null;
  const toData = (e) => {
    const r = cv.getBoundingClientRect();
    const sq = square(r.width, r.height);
    const a = page.st.area;
    const span = a.hi - a.lo;
    return [a.lo + ((e.clientX - r.left - sq.x0) / sq.side) * span, a.lo + ((sq.y0 + sq.side - (e.clientY - r.top)) / sq.side) * span];
  };
  const near = (p, q, e) => {
    const r = cv.getBoundingClientRect();
    const s = square(r.width, r.height).side / (page.st.area.hi - page.st.area.lo);
    return Math.hypot((p[0] - q[0]) * s, (p[1] - q[1]) * s) <= (e.pointerType === 'touch' ? 22 : 12);
  };
  cv.addEventListener('pointerdown', (e) => {
    const f = page.frame;
    if (!f || !f.line || !page.st || page.st.neurons.length !== 1) return;
    const p = toData(e);
    const hs = handles(f);
    const k = hs.findIndex((hd) => near(hd, p, e));
    const b = f.boundary;
    let onLine = false;
    if (b.length === 4) {
      const [x1, y1, x2, y2] = b;
      const t = Math.max(0, Math.min(1, ((p[0] - x1) * (x2 - x1) + (p[1] - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2 || 1)));
      onLine = near([x1 + t * (x2 - x1), y1 + t * (y2 - y1)], p, e);
    }
    if (k < 0 && !onLine) return;
    e.preventDefault();
    stopStream();
    drag = { pivot: k >= 0 ? hs[1 - k] : null, line: { ...f.line }, params: f.params.slice() };
    cv.setPointerCapture(e.pointerId);
    cv.classList.add('dragging');
  });
  cv.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const p = toData(e);
    const { line, params } = drag;
    // The new line wx·x + wy·y + c = 0 passes through a point: the
    // pointer when moving, the pivot when turning.
    let wx = line.WX;
    let wy = line.WY;
    let through = p;
    if (drag.pivot) {
      // Turn: the line through the pivot and the pointer, the same side
      // up, its weights as long as before.
      through = drag.pivot;
      const dx = p[0] - through[0];
      const dy = p[1] - through[1];
      const len = Math.hypot(dx, dy);
      if (len < 1e-3) return;
      let nx = -dy / len;
      let ny = dx / len;
      if (nx * line.WX + ny * line.WY < 0) {
        nx = -nx;
        ny = -ny;
      }
      const size = Math.hypot(line.WX, line.WY);
      wx = nx * size;
      wy = ny * size;
    }
    const c = -(wx * through[0] + (line.IY >= 0 ? wy * through[1] : 0));
    // c is the excitation at x = y = 0: the bias plus the fixed inputs'
    // part, which does not change; so the bias moves as c does.
    const next = params.slice();
    next[line.IX] = wx;
    if (line.IY >= 0) next[line.IY] = wy;
    next[line.IB] = params[line.IB] + (c - line.C);
    dragTo(next);
  });
  const end = () => {
    if (!drag) return;
    drag = null;
    cv.classList.remove('dragging');
  };
  cv.addEventListener('pointerup', end);
  cv.addEventListener('pointercancel', end);
}

// dragTo asks for the state at iteration 0 from the given weights, one
// request at a time, the latest position winning.
let dragBusy = false;
let dragNext = null;
async function dragTo(params) {
  dragNext = params;
  if (dragBusy) return;
  dragBusy = true;
  while (dragNext) {
    const p = dragNext;
    dragNext = null;
    page.q.set('start', p.map(String).join(','));
    await load(0);
  }
  dragBusy = false;
}

// ---- start ----

function init() {
  speeds = [...$('speeds').options].map((o) => ({ value: o.value, label: o.label }));
  const s = page.q.get('speed');
  const k = speeds.findIndex((x) => x.value === s);
  if (k >= 0) $('speed').value = String(k);
  showSpeed();
  setupControls();
  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => page.frame && draw(page.frame), 100);
  });
  updateButtons();
  load(first.iter, first.answer);
}

document.addEventListener('DOMContentLoaded', init);
