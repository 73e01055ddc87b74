/// The page's HTML: structure only. Every dynamic string is put in by
/// `/app.js` as text; the policy forbids inline script and style.
enum PageHTML {
    static let text = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Soundbite</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/app.js" defer></script>
    </head>
    <body>
    <a class="skip" href="#hits">Skip to results</a>
    <header>
      <h1>Soundbite</h1>
      <form id="search" role="search" autocomplete="off">
        <label for="q">Search the interviews</label>
        <div class="row">
          <input id="q" name="q" type="search" spellcheck="false" aria-describedby="q-help q-error" placeholder="laptops home, &quot;one to one&quot;, role:parent">
          <button type="submit">Search</button>
        </div>
        <p id="q-help" class="help">Keys: <kbd>/</kbd> search, <kbd>j</kbd> <kbd>k</kbd> next and previous hit, <kbd>Enter</kbd> open, <kbd>a</kbd> add to selects, <kbd>Esc</kbd> close.</p>
        <div id="q-error" class="error" role="alert" hidden><p id="q-error-message"></p><pre aria-hidden="true"><span id="q-error-query"></span>
    <span id="q-error-caret"></span></pre></div>
      </form>
      <form id="token-form" hidden>
        <label for="token">This server needs an access token</label>
        <div class="row"><input id="token" type="password" autocomplete="current-password"> <button type="submit">Use token</button></div>
      </form>
    </header>
    <main>
      <aside id="facets" aria-labelledby="facets-title">
        <h2 id="facets-title">Filters</h2>
        <ul id="active-filters" aria-label="Active filters"></ul>
        <div id="facet-lists"></div>
      </aside>
      <section id="results" aria-labelledby="results-title">
        <h2 id="results-title" class="visually-hidden">Results</h2>
        <p id="status" role="status" aria-live="polite"></p>
        <ol id="hits"></ol>
        <nav id="pager" aria-label="Pages" hidden>
          <button type="button" id="prev">Previous</button>
          <button type="button" id="next">Next</button>
        </nav>
      </section>
      <div id="side">
        <section id="detail" aria-labelledby="detail-title" hidden>
          <div class="detail-head"><h2 id="detail-title" tabindex="-1"></h2><button type="button" id="detail-close" aria-label="Close the transcript">×</button></div>
          <p id="detail-meta"></p>
          <div id="player"></div>
          <ol id="transcript" aria-label="Transcript around the hit"></ol>
        </section>
        <section id="basket" aria-labelledby="basket-title">
          <h2 id="basket-title">Selects <span id="basket-count">0</span></h2>
          <p id="basket-empty" class="help">Add hits with their “Add to selects” button or the <kbd>a</kbd> key.</p>
          <ol id="basket-list"></ol>
          <div id="exports" role="group" aria-label="Export the selects">
            <button type="button" data-format="edl">EDL</button>
            <button type="button" data-format="fcpxml">FCPXML</button>
            <button type="button" data-format="otio">OTIO</button>
            <button type="button" data-format="srt">SRT</button>
            <button type="button" data-format="vtt">WebVTT</button>
            <button type="button" data-format="csv">CSV</button>
            <button type="button" id="basket-clear">Clear</button>
          </div>
          <p id="basket-status" role="status" aria-live="polite"></p>
        </section>
      </div>
    </main>
    <noscript><p class="error">This page needs JavaScript. The JSON API works without it: /api/search?q=WORDS</p></noscript>
    </body>
    </html>
    """#
}
