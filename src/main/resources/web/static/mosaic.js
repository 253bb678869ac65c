// Mosaic's only script (the Content-Security-Policy allows no inline script): CSRF header for htmx and fetch,
// ECharts from data-chart attributes, and dragging student cards between classes.
(function () {
  'use strict';

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  function renderCharts(root) {
    if (typeof echarts === 'undefined') { return; }
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      var data = JSON.parse(el.getAttribute('data-chart'));
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 32, bottom: 40 },
        xAxis: { type: 'category', data: data.labels },
        yAxis: { type: 'value' },
        series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
      }, true);
    });
  }

  document.addEventListener('htmx:afterSwap', function (e) { renderCharts(e.target); });

  // Pointer events, not HTML5 drag and drop: the same code serves mouse, touch and pen.
  var dragged = null;
  var over = null;

  function columnAt(x, y) {
    var el = document.elementFromPoint(x, y);
    return el ? el.closest('.column') : null;
  }

  function onDown(e) {
    var card = e.target.closest('.card');
    if (!card || e.target.closest('button')) { return; }
    dragged = card;
    card.classList.add('dragging');
    e.preventDefault();
  }

  function onMove(e) {
    if (!dragged) { return; }
    var col = columnAt(e.clientX, e.clientY);
    if (over && over !== col) { over.classList.remove('drop-target'); }
    over = col;
    if (over) { over.classList.add('drop-target'); }
  }

  function onUp(e) {
    if (!dragged) { return; }
    var card = dragged;
    dragged = null;
    card.classList.remove('dragging');
    if (over) { over.classList.remove('drop-target'); }
    var col = columnAt(e.clientX, e.clientY);
    over = null;
    var from = card.closest('.column');
    if (!col || col === from) { return; }
    col.appendChild(card);
    moveCard(card.getAttribute('data-student'), col.getAttribute('data-section'));
  }

  function moveCard(student, section) {
    var board = document.getElementById('board');
    var body = new URLSearchParams();
    body.set('student', student);
    body.set('section', section);
    fetch('/schools/' + encodeURIComponent(board.getAttribute('data-school')) + '/classes/move', {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      credentials: 'same-origin'
    }).then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
      .then(function (r) {
        var metrics = document.getElementById('metrics');
        if (r.ok) {
          metrics.innerHTML = r.text;
          renderCharts(metrics);
        } else {
          metrics.insertAdjacentHTML('afterbegin', '<p class="error">The move was not saved; reload the page.</p>');
        }
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderCharts(document);
    var board = document.getElementById('board');
    if (board) {
      board.addEventListener('pointerdown', onDown);
      document.addEventListener('pointermove', onMove);
      document.addEventListener('pointerup', onUp);
    }
  });

  // The browser tests read these to check that a chart drew data.
  window.mosaicChartPoints = function (id) {
    var el = document.getElementById(id);
    var chart = el && typeof echarts !== 'undefined' ? echarts.getInstanceByDom(el) : null;
    if (!chart) { return 0; }
    return chart.getOption().series.reduce(function (n, s) { return n + s.data.length; }, 0);
  };
}());
