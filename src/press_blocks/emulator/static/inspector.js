// The inspector page: polls /_emulator/snapshot (304 while nothing changed) and renders it;
// the controls call the emulator's control endpoints. No dependencies, nothing loaded from elsewhere.
"use strict";

(function () {
  const BASE = "/_emulator";
  const POLL_MS = 1000;
  const HIDDEN_POLL_MS = 5000;
  const FAULTS_EXAMPLE = [
    "seed: 42",
    "rules:",
    "  - kind: status        # answer 503 to the next createDeployment",
    "    status: 503",
    "    operationId: createDeployment",
    "    times: 1",
    "  - kind: latency       # slow every listSpecs down by half a second",
    "    latency: 0.5",
    "    operationId: listSpecs",
    "",
  ].join("\n");

  const state = { etag: null, data: null, paused: false, timer: null, expanded: new Set(), details: new Map(), faultsDirty: false };
  const $ = (id) => document.getElementById(id);

  // --- small helpers ----------------------------------------------------------------

  // Notes as sent, with press-blocks apply's fingerprint line (its last line) shown apart.
  function notes(text) {
    const found = /\n*(\[press-blocks fingerprint v1 [^\]\n]*\])\s*$/.exec(String(text || ""));
    if (!found) return esc(text);
    return `${esc(String(text).slice(0, found.index))} <code class="fingerprint" title="fingerprint kept by press-blocks apply">${esc(found[1])}</code>`;
  }

  function esc(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function statusClass(status) {
    switch (status) {
      case "deployed": case "available": case "success": case "running": return "badge-ok";
      case "deploying": case "redeploying": case "building": case "pending": return "badge-warn";
      case "warning": return "badge-warn";
      case "failed": case "deleting": case "error": case "delete_failed": case "platform_resource_error":
      case "rollback": case "rollback_complete": case "rollback_failed": return "badge-bad";
      default: return "";
    }
  }

  function badge(status, extra) {
    const pulse = status === "deploying" || status === "redeploying" ? " badge-pulse" : "";
    return `<span class="badge ${statusClass(status)}${pulse}${extra ? " " + extra : ""}" data-status="${esc(status)}">${esc(status)}</span>`;
  }

  function httpBadge(status) {
    if (status === null || status === undefined) return `<span class="badge badge-bad" data-status="none">no answer</span>`;
    const cls = status < 300 ? "badge-ok" : status < 500 ? "badge-warn" : "badge-bad";
    return `<span class="badge ${cls}" data-status="${esc(status)}">${esc(status)}</span>`;
  }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  }

  function clock(seconds) {
    const d = new Date(seconds * 1000);
    const pad = (n, w) => String(n).padStart(w || 2, "0");
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function ms(seconds) {
    if (seconds === null || seconds === undefined) return "…";
    const v = seconds * 1000;
    return v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`;
  }

  function value(v) {
    if (v === null || v === undefined) return `<span class="hidden-value">not set</span>`;
    if (typeof v === "object") return `<code>${esc(JSON.stringify(v))}</code>`;
    return esc(v);
  }

  let toastTimer = null;
  function toast(message, kind) {
    const el = $("toast");
    el.textContent = message;
    el.dataset.kind = kind || "info";
    el.setAttribute("role", kind === "error" ? "alert" : "status");
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, kind === "error" ? 9000 : 3500);
  }

  async function control(method, path, body, contentType) {
    const init = { method, headers: {}, cache: "no-store" };
    if (body !== undefined) {
      init.body = body;
      init.headers["Content-Type"] = contentType || "application/json";
    }
    const response = await fetch(BASE + path, init);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const detail = data && (data.detail || data.message) ? data.detail || data.message : response.statusText;
      throw new Error(`${response.status}: ${detail}`);
    }
    return data;
  }

  // Replace a container's children keyed by data-key, re-rendering only the items whose data changed,
  // so that focus, open <details> and expanded rows survive an update.
  function reconcile(container, items, keyOf, render) {
    const existing = new Map();
    for (const child of Array.from(container.children)) existing.set(child.dataset.key, child);
    let previous = null;
    for (const item of items) {
      const key = String(keyOf(item));
      const json = JSON.stringify(item);
      let node = existing.get(key);
      if (!node || node.dataset.json !== json) {
        const open = node ? Array.from(node.querySelectorAll("details[open]")).map((d) => d.dataset.key) : [];
        const fresh = render(item);
        fresh.dataset.key = key;
        fresh.dataset.json = json;
        for (const k of open) { const d = fresh.querySelector(`details[data-key="${k}"]`); if (d) d.open = true; }
        if (node) node.replaceWith(fresh); else container.appendChild(fresh);
        node = fresh;
      }
      existing.delete(key);
      const expectedNext = previous ? previous.nextElementSibling : container.firstElementChild;
      if (expectedNext !== node) container.insertBefore(node, expectedNext);
      previous = node;
    }
    for (const stale of existing.values()) stale.remove();
  }

  function element(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  // --- resources -------------------------------------------------------------------------

  function paramsTable(params, caption) {
    if (!params || !params.length) return "";
    const rows = params.map((p) => `<tr><td class="param-name"><code>${esc(p.name)}</code></td><td class="param-value">${p.hideValue ? `<span class="hidden-value" title="hidden value, masked as the API masks it">${value(p.value)}</span>` : value(p.value)}</td><td class="param-type">${esc(p.type)}</td></tr>`).join("");
    return `<h3>${esc(caption)}</h3><table class="mini"><thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Type</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  // "describes:2->failed" → {mode: "describes", value: "2", outcome: "failed"}; the outcome is "deployed" when not written.
  function parseTransition(text) {
    const [timing, outcome] = text.split("->");
    const [mode, value] = timing.split(":");
    return { mode, value, outcome: outcome || "deployed" };
  }

  function progress(rev) {
    if (!rev.progress) return "";
    const t = parseTransition(rev.progress.transition);
    const then = t.outcome === "deployed" ? "" : `, then ${esc(t.outcome)}`;
    if (t.mode === "describes") return `<span class="progress">${esc(rev.progress.describes)} of ${esc(t.value)} describes${then}</span>`;
    if (t.mode === "seconds") return `<span class="progress">after ${esc(t.value)} s${then}</span>`;
    return "";
  }

  // The resource errors the API reports: why a revision failed, rolled back or warns.
  function reasons(errors, cls) {
    if (!errors || !errors.length) return "";
    const items = errors.map((e) => `<li>${e.code ? `<span class="reason-code">${esc(e.code)}</span> ` : ""}${esc(e.message)}</li>`).join("");
    return `<ul class="reasons ${cls}">${items}</ul>`;
  }

  function deploymentCard(d) {
    const spec = d.spec || {};
    const release = spec.release || {};
    const current = release.currentVersion;
    const outdated = release.latestVersion && current !== release.latestVersion ? ` <span class="badge badge-info">latest ${esc(release.latestVersion)}</span>` : "";
    const revisions = (d.revisions || []).map((r) => `<tr data-revision="${esc(r.revision)}"><td>${esc(r.revision)}</td><td>${badge(r.status)} ${progress(r)}${reasons(r.errors, "revision-reasons")}</td><td>${esc(r.releaseVersion)}</td><td>${notes(r.notes)}</td><td>${esc(when(r.createdAt))}</td></tr>`).join("");
    const params = d.parameters || {};
    const name = (d.metadata && d.metadata.name) || d.id;
    const errors = ((d.latestRevision && d.latestRevision.resources) || []).flatMap((res) => res.errors || []);
    const why = errors.length ? `<div class="why" role="note" aria-label="Why"><h3>Resource errors</h3>${reasons(errors, "deployment-reasons")}</div>` : "";
    return element(`<article class="card deployment" aria-label="Deployment ${esc(name)}" data-id="${esc(d.id)}">
      <div class="card-head">
        <div><p class="card-title">${esc(name)}</p><p class="card-sub">${esc((d.metadata && d.metadata.title) || "")}</p></div>
        ${badge(d.metadata && d.metadata.status, "badge-big deployment-status")}
      </div>
      ${why}
      <dl class="meta">
        <dt>Id</dt><dd><code>${esc(d.id)}</code></dd>
        <dt>Kind</dt><dd>${esc(d.kind)}</dd>
        <dt>Spec</dt><dd><code>${esc(spec.id)}</code></dd>
        <dt>Release</dt><dd>${esc(current)}${outdated}</dd>
        <dt>Updated</dt><dd>${esc(when(d.metadata && d.metadata.updatedAt))} by ${esc(d.metadata && d.metadata.updatedBy)}</dd>
        ${d.parent ? `<dt>Parent app</dt><dd><code>${esc(d.parent.id)}</code></dd>` : ""}
      </dl>
      <h3>Revisions</h3>
      <table class="mini revisions"><thead><tr><th scope="col">#</th><th scope="col">Status</th><th scope="col">Release</th><th scope="col">Notes</th><th scope="col">Created</th></tr></thead><tbody>${revisions}</tbody></table>
      ${paramsTable(params.run, "Run parameters")}
      ${params.build && params.build.length ? `<details data-key="build"><summary>Build parameters (${params.build.length})</summary>${paramsTable(params.build, "Build parameters")}</details>` : ""}
    </article>`);
  }

  function specCard(s) {
    const meta = s.metadata || {};
    const latest = s.latestRelease || {};
    const releases = (s.releases || []).map((r) => `<tr><td>${esc(r.version)}</td><td>${notes(r.notes)}</td><td>${esc(when(r.createdAt))}</td></tr>`).join("");
    const scope = s.scope + (s.tenants && s.tenants.length ? ` (${s.tenants.join(", ")})` : "");
    const runParams = (s.parameters && s.parameters.run) || [];
    const paramList = runParams.length ? `<dt>Run parameters</dt><dd>${runParams.map((p) => `<code>${esc(p.name)}</code>${p.hideValue ? " (hidden)" : ""}`).join(", ")}</dd>` : "";
    return element(`<article class="card spec" aria-label="Spec ${esc(meta.name || s.id)}" data-id="${esc(s.id)}">
      <div class="card-head">
        <div><p class="card-title">${esc(meta.name || s.id)}${s.featured ? ` <span class="badge badge-info">featured</span>` : ""}</p><p class="card-sub">${esc(meta.title || meta.description || "")}</p></div>
        ${badge(meta.status, "badge-big spec-status")}
      </div>
      <dl class="meta">
        <dt>Id</dt><dd><code>${esc(s.id)}</code></dd>
        <dt>Kind</dt><dd>${esc(s.kind)}</dd>
        <dt>Scope</dt><dd>${esc(scope)}</dd>
        <dt>Latest release</dt><dd>${esc(latest.version)}${latest.artifact ? " · artifact v" + esc(latest.artifact.version) : ""}</dd>
        ${paramList}
      </dl>
      <details data-key="releases" ${(s.releases || []).length <= 3 ? "open" : ""}><summary>${(s.releases || []).length} release${(s.releases || []).length === 1 ? "" : "s"}</summary>
        <table class="mini releases"><thead><tr><th scope="col">Version</th><th scope="col">Notes</th><th scope="col">Created</th></tr></thead><tbody>${releases}</tbody></table>
      </details>
    </article>`);
  }

  function appCard(a) {
    const rev = a.latestRevision || {};
    const blocks = (rev.blocks || []).map((b) => `<tr><td>${esc(b.name || "")}</td><td>${esc(b.kind || "")}</td><td>${b.status ? badge(b.status) : ""}</td><td><code>${esc(b.deploymentId)}</code></td></tr>`).join("");
    const name = (a.metadata && (a.metadata.name || a.metadata.title)) || "App deployment";
    return element(`<article class="card app" aria-label="App deployment ${esc(name)}">
      <div class="card-head"><div><p class="card-title">${esc(name)}</p><p class="card-sub"><code>${esc(a.id)}</code></p></div>${badge(rev.status, "badge-big")}</div>
      <h3>Blocks</h3>
      <table class="mini"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Deployment</th></tr></thead><tbody>${blocks}</tbody></table>
    </article>`);
  }

  function renderResources(data) {
    const c = data.counts;
    const stats = [["specs", "Specs"], ["releases", "Releases"], ["deployments", "Deployments"], ["revisions", "Revisions"], ["appDeployments", "App deployments"]];
    reconcile($("stats"), stats.map(([k, label]) => ({ k, label, n: c[k] })), (s) => s.k,
      (s) => element(`<li data-stat="${esc(s.k)}"><span class="n">${esc(s.n)}</span><span class="label">${esc(s.label)}</span></li>`));
    reconcile($("deployments"), data.deployments, (d) => d.id, deploymentCard);
    reconcile($("specs"), data.specs, (s) => s.id, specCard);
    reconcile($("apps"), data.appDeployments, (a) => a.id, appCard);
    $("deployments-empty").hidden = data.deployments.length > 0;
    $("specs-empty").hidden = data.specs.length > 0;
    $("apps-group").hidden = data.appDeployments.length === 0;
    const plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;
    const parts = `${plural(c.specs, "spec")}, ${plural(c.deployments, "deployment")}, ${plural(c.appDeployments, "app deployment")}`;
    const counted = $("count-resources");
    counted.textContent = c.specs + c.deployments + c.appDeployments;
    counted.title = `${counted.textContent} resources: ${parts}`;
    counted.setAttribute("aria-label", counted.title);
  }

  // --- request log --------------------------------------------------------------------------

  function matches(r) {
    const op = $("filter-operation").value;
    const st = $("filter-status").value;
    if (op && r.operationId !== op) return false;
    if (!st) return true;
    if (st === "none") return r.status === null || r.status === undefined;
    return r.status !== null && r.status !== undefined && String(r.status)[0] === st[0];
  }

  function logRow(r) {
    const fault = r.fault ? `<span class="badge badge-bad">${esc(r.fault)}</span>` : "";
    const query = r.query && r.query.length ? "?" + r.query.map((p) => `${p[0]}=${p[1]}`).join("&") : "";
    const expanded = state.expanded.has(r.seq);
    const row = element(`<tbody><tr class="entry${r.fault ? " faulted" : ""}" data-seq="${esc(r.seq)}">
      <td class="c-seq"><button type="button" class="expander" aria-expanded="${expanded}" aria-controls="detail-${esc(r.seq)}" aria-label="Request ${esc(r.seq)}: show bodies"><span class="chev" aria-hidden="true">▸</span>${esc(r.seq)}</button></td>
      <td class="c-time mono">${esc(clock(r.time))}</td>
      <td class="c-method method">${esc(r.method)}</td>
      <td class="c-path path">${esc(r.path)}${esc(query)}</td>
      <td class="c-op operation">${esc(r.operationId || "—")}</td>
      <td class="c-status status">${httpBadge(r.status)}</td>
      <td class="c-dur num mono">${esc(ms(r.duration))}</td>
      <td class="c-rid mono">${esc(r.requestId || "—")}</td>
      <td class="c-fault fault">${fault}</td>
    </tr></tbody>`).firstElementChild;
    row.querySelector(".expander").addEventListener("click", () => toggle(r.seq));
    return row;
  }

  function headersTable(headers) {
    const rows = Object.entries(headers || {}).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join("");
    return rows ? `<table class="headers"><tbody>${rows}</tbody></table>` : "";
  }

  function detailRow(seq) {
    const d = state.details.get(seq);
    let content = `<p class="empty">Loading…</p>`;
    if (d && d.error) content = `<p class="empty">${esc(d.error)}</p>`;
    else if (d) {
      content = `<div class="detail-grid">
        <div><h4>Request</h4>${headersTable(d.headers)}<pre class="body request-body">${esc(d.requestBody || "(no body)")}</pre></div>
        <div><h4>Response ${d.status === null ? "(none: the connection was dropped)" : esc(d.status)}</h4><pre class="body response-body">${esc(d.responseBody || "(no body)")}</pre></div>
      </div>`;
    }
    return element(`<tbody><tr class="detail" id="detail-${esc(seq)}"><td colspan="9">${content}</td></tr></tbody>`).firstElementChild;
  }

  async function toggle(seq) {
    if (state.expanded.has(seq)) state.expanded.delete(seq);
    else {
      state.expanded.add(seq);
      if (!state.details.has(seq)) {
        try { state.details.set(seq, await control("GET", `/requests/${seq}`)); }
        catch (e) { state.details.set(seq, { error: `Could not load this request: ${e.message}` }); }
      }
    }
    renderLog(state.data);
    const button = document.querySelector(`tr.entry[data-seq="${seq}"] .expander`);
    if (button) button.focus();
  }

  function renderLog(data) {
    if (!data) return;
    // The log was cleared (a reset, here or elsewhere): its numbers start at 1 again.
    if (state.epoch !== data.requestEpoch) { state.expanded.clear(); state.details.clear(); state.epoch = data.requestEpoch; }
    const body = $("log-body");
    const rows = [];
    for (const r of data.requests) {
      if (!matches(r)) continue;
      rows.push({ kind: "entry", r });
      if (state.expanded.has(r.seq)) rows.push({ kind: "detail", seq: r.seq, d: state.details.get(r.seq) || null });
    }
    reconcile(body, rows, (x) => (x.kind === "entry" ? "e" + x.r.seq : "d" + x.seq), (x) => {
      const node = x.kind === "entry" ? logRow(x.r) : detailRow(x.seq);
      if (x.kind === "entry") node.querySelector(".expander").setAttribute("aria-expanded", String(state.expanded.has(x.r.seq)));
      return node;
    });
    // An expander's state is not in its data: keep it right for rows that were not re-rendered.
    for (const button of body.querySelectorAll(".expander")) {
      const seq = Number(button.closest("tr").dataset.seq);
      button.setAttribute("aria-expanded", String(state.expanded.has(seq)));
    }
    const shown = rows.filter((x) => x.kind === "entry").length;
    const total = data.requestCount;
    $("log-empty").hidden = data.requests.length > 0;
    $("log-note").textContent = total ? `Showing ${shown} of ${total} request${total === 1 ? "" : "s"}${total > data.requests.length ? ` (the newest ${data.requests.length} are listed)` : ""}` : "";
    $("count-requests").textContent = total;
    const select = $("filter-operation");
    if (select.options.length === 1) {
      for (const op of data.operations) select.appendChild(new Option(op, op));
    }
  }

  // --- controls -------------------------------------------------------------------------------

  function renderControls(data) {
    const outcomes = $("transition-outcome");
    if (outcomes.options.length === 1) {
      // The outcomes come from the emulator (the first, "deployed", is in the page already).
      for (const outcome of data.outcomes.slice(1)) outcomes.appendChild(new Option(outcome, outcome));
    }
    if (!state.transitionShown || state.transitionShown !== data.transition) {
      // Show the transition in force in the form, unless the user is editing it.
      const form = $("transition-form");
      if (!form.contains(document.activeElement)) {
        const t = parseTransition(data.transition);
        $("transition-mode").value = t.mode;
        if (t.value !== undefined) $("transition-value").value = t.value;
        $("transition-value-field").hidden = t.mode === "immediate";
        outcomes.value = t.outcome;
        state.transitionShown = data.transition;
      }
    }
    $("transition-now").textContent = data.transition;
    $("transition-chip").textContent = "transition: " + data.transition;
    const rules = data.faults.rules;
    $("faults-chip").hidden = rules.length === 0;
    $("faults-chip").textContent = `${rules.length} fault rule${rules.length === 1 ? "" : "s"}`;
    $("faults-chip").className = "chip chip-warn";
    if (!state.faultsDirty && document.activeElement !== $("faults-yaml")) $("faults-yaml").value = data.faultsYaml;
    $("rules-wrap").hidden = rules.length === 0;
    $("rules-body").innerHTML = rules.map((r) => {
      const which = [r.operationId, r.method, r.path].filter(Boolean).join(" ") || "every API request";
      const what = r.kind === "status" ? `status ${r.status}` : r.kind === "latency" ? `latency ${r.latency}s` : r.kind;
      return `<tr><td>${esc(what)}</td><td>${esc(which)}</td><td>${esc(r.when)}</td><td>${esc(r.rate)}</td><td>${esc(r.times === null ? "no limit" : r.hits >= r.times ? `${r.times} (spent)` : r.times)}</td><td class="num">${esc(r.hits)}</td></tr>`;
    }).join("");
  }

  function render(data) {
    state.data = data;
    renderResources(data);
    renderLog(data);
    renderControls(data);
  }

  // --- polling --------------------------------------------------------------------------------

  function live(kind, text) {
    $("live").dataset.state = kind;
    $("live-text").textContent = text;
  }

  async function poll() {
    clearTimeout(state.timer);
    try {
      const headers = state.etag ? { "If-None-Match": state.etag } : {};
      const response = await fetch(BASE + "/snapshot", { headers, cache: "no-store" });
      if (response.status === 200) {
        state.etag = response.headers.get("ETag");
        render(await response.json());
      } else if (response.status !== 304) {
        throw new Error(`the emulator answered ${response.status}`);
      }
      if (!state.paused) live("live", "Live");
    } catch (e) {
      live("error", "Disconnected, retrying…");
    }
    schedule();
  }

  function schedule() {
    clearTimeout(state.timer);
    if (!state.paused) state.timer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  async function refresh() {
    state.etag = null;
    await poll();
  }

  // --- views ----------------------------------------------------------------------------------

  const VIEWS = ["resources", "requests", "controls"];

  function showView(focus) {
    const name = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : "resources";
    for (const v of VIEWS) {
      $("view-" + v).hidden = v !== name;
      const tab = $("tab-" + v);
      if (v === name) tab.setAttribute("aria-current", "page"); else tab.removeAttribute("aria-current");
    }
    document.title = `${name[0].toUpperCase()}${name.slice(1)} · Press blocks emulator`;
    if (focus) $("h-" + name).focus({ preventScroll: false });
  }

  // --- wiring ---------------------------------------------------------------------------------

  function wire() {
    for (const v of VIEWS) $("h-" + v).setAttribute("tabindex", "-1");
    window.addEventListener("hashchange", () => showView(true));
    showView(false);

    $("pause").addEventListener("click", () => {
      state.paused = !state.paused;
      $("pause").setAttribute("aria-pressed", String(state.paused));
      $("pause").textContent = state.paused ? "Resume updates" : "Pause updates";
      if (state.paused) { clearTimeout(state.timer); live("paused", "Paused"); } else poll();
    });
    document.addEventListener("visibilitychange", () => { if (!document.hidden && !state.paused) poll(); });

    $("filter-operation").addEventListener("change", () => renderLog(state.data));
    $("filter-status").addEventListener("change", () => renderLog(state.data));
    $("clear-log").addEventListener("click", async () => {
      try { await control("DELETE", "/requests"); state.expanded.clear(); state.details.clear(); toast("Request log cleared."); await refresh(); }
      catch (e) { toast(e.message, "error"); }
    });

    const syncMode = () => { $("transition-value-field").hidden = $("transition-mode").value === "immediate"; };
    $("transition-mode").addEventListener("change", syncMode);
    syncMode();
    $("transition-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const mode = $("transition-mode").value;
      const outcome = $("transition-outcome").value;
      const timing = mode === "immediate" ? "immediate" : `${mode}:${$("transition-value").value}`;
      const transition = outcome === "deployed" ? timing : `${timing}->${outcome}`;
      try { const r = await control("PUT", "/transition", JSON.stringify({ transition })); toast(`Transition set: ${r.transition}`); await refresh(); }
      catch (e) { toast(e.message, "error"); }
    });

    $("faults-yaml").addEventListener("input", () => { state.faultsDirty = true; });
    $("faults-example").addEventListener("click", () => { $("faults-yaml").value = FAULTS_EXAMPLE; state.faultsDirty = true; $("faults-yaml").focus(); });
    $("faults-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const r = await control("PUT", "/faults", $("faults-yaml").value, "application/yaml");
        state.faultsDirty = false;
        toast(`${r.rules.length} fault rule${r.rules.length === 1 ? "" : "s"} in force.`);
        await refresh();
      } catch (e) { toast(e.message, "error"); }
    });
    $("faults-clear").addEventListener("click", async () => {
      try { await control("DELETE", "/faults"); state.faultsDirty = false; $("faults-yaml").value = ""; toast("Fault rules cleared."); await refresh(); }
      catch (e) { toast(e.message, "error"); }
    });

    $("seed-file").addEventListener("change", async () => {
      const file = $("seed-file").files[0];
      if (file) $("seed-yaml").value = await file.text();
    });
    $("seed-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const r = await control("POST", "/seed", $("seed-yaml").value, "application/yaml");
        const n = (k) => (r[k] || []).length;
        toast(`Seeded ${n("specs")} spec(s), ${n("deployments")} deployment(s), ${n("appDeployments")} app deployment(s).`);
        await refresh();
      } catch (e) { toast(e.message, "error"); }
    });

    const confirmReset = (show) => {
      $("reset-confirm").hidden = !show;
      $("reset-ask").hidden = show;
      (show ? $("reset-no") : $("reset")).focus();
    };
    $("reset").addEventListener("click", () => confirmReset(true));
    $("reset-no").addEventListener("click", () => confirmReset(false));
    $("reset-yes").addEventListener("click", async () => {
      try {
        await control("POST", "/reset");
        state.expanded.clear(); state.details.clear(); state.faultsDirty = false;
        confirmReset(false);
        toast("The emulator was reset.");
        await refresh();
      } catch (e) { toast(e.message, "error"); }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("reset-confirm").hidden) confirmReset(false);
    });

    poll();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire); else wire();
})();
