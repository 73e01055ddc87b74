/// The page's style sheet: one column on a phone, three on a laptop; text
/// and controls keep at least 4.5:1 contrast; focus is always visible.
enum PageCSS {
    static let text = #"""
    :root { --ink: #1a1a1a; --muted: #4d4d4d; --paper: #ffffff; --line: #c8c8c8; --accent: #0b57a4;
            --accent-ink: #ffffff; --mark: #ffe066; --soft: #f3f5f8; --error: #a40e0e; font-size: 100%; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
    .skip { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .5rem 1rem; }
    .skip:focus { left: 0; z-index: 10; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    header { padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
    h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
    h2 { font-size: 1.05rem; margin: .25rem 0 .5rem; }
    label { display: block; font-weight: 600; margin-bottom: .25rem; }
    .row { display: flex; gap: .5rem; }
    input[type=search], input[type=password] { flex: 1; min-width: 0; font: inherit; padding: .5rem .6rem; border: 1px solid #767676; border-radius: 4px; color: var(--ink); background: var(--paper); }
    button { font: inherit; padding: .4rem .8rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: var(--accent-ink); cursor: pointer; }
    button.quiet { background: var(--paper); color: var(--accent); }
    button[aria-pressed=true] { background: var(--accent); color: var(--accent-ink); }
    :focus-visible { outline: 3px solid #e8a200; outline-offset: 2px; }
    .help { color: var(--muted); font-size: .875rem; margin: .35rem 0 0; }
    kbd { font: .8rem ui-monospace, monospace; border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; background: var(--paper); }
    .error { color: var(--error); }
    .error pre { margin: .25rem 0 0; font: .9rem ui-monospace, monospace; overflow-x: auto; }
    main { display: grid; grid-template-columns: 15rem minmax(0, 1fr) minmax(0, 26rem); gap: 1rem; padding: 1rem; align-items: start; }
    @media (max-width: 1100px) { main { grid-template-columns: 13rem minmax(0, 1fr); } #side { grid-column: 1 / -1; } }
    @media (max-width: 700px) { main { grid-template-columns: minmax(0, 1fr); padding: .5rem; } #facets { order: 2; } #results { order: 1; } #side { order: 3; } }
    #facets fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    #facets legend { font-weight: 600; text-transform: capitalize; padding: 0; margin-bottom: .25rem; }
    .facet-values { list-style: none; margin: 0; padding: 0; max-height: 14rem; overflow-y: auto; }
    .facet-values button { display: flex; justify-content: space-between; gap: .5rem; width: 100%; text-align: left; background: var(--paper); color: var(--ink); border-color: transparent; padding: .15rem .4rem; }
    .facet-values button:hover { border-color: var(--line); }
    .facet-values button[aria-pressed=true] { background: var(--accent); color: var(--accent-ink); }
    .count { color: inherit; opacity: .85; font-variant-numeric: tabular-nums; }
    #active-filters { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem; }
    #active-filters button { font-size: .85rem; padding: .1rem .5rem; }
    #hits { list-style: none; margin: 0; padding: 0; }
    .hit { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; margin-bottom: .6rem; }
    .hit:focus-within, .hit[aria-current=true] { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
    .hit .meta { color: var(--muted); font-size: .875rem; margin: 0 0 .25rem; }
    .hit .who { color: var(--ink); font-weight: 600; }
    .hit .quote { margin: 0 0 .4rem; }
    .hit .actions { display: flex; gap: .5rem; flex-wrap: wrap; }
    mark { background: var(--mark); color: #000; padding: 0 .05em; }
    #side section { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; margin-bottom: 1rem; }
    .detail-head { display: flex; justify-content: space-between; align-items: start; gap: .5rem; }
    #detail-close { background: var(--paper); color: var(--accent); font-size: 1.2rem; line-height: 1; padding: .2rem .55rem; }
    #player video, #player audio { width: 100%; margin: .25rem 0; }
    #player video { max-height: 40vh; background: #000; }
    #transcript { list-style: none; margin: .5rem 0 0; padding: 0; max-height: 50vh; overflow-y: auto; }
    #transcript li { padding: .3rem .4rem; border-left: 3px solid transparent; }
    #transcript li.question { border-left-color: #6b6b6b; background: var(--soft); }
    #transcript li[aria-current=true] { border-left-color: var(--accent); background: #e7f0fa; }
    #transcript .tc { font: .8rem ui-monospace, monospace; background: var(--paper); color: var(--accent); border-color: var(--line); padding: 0 .3rem; margin-right: .4rem; }
    #transcript .label { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); margin-right: .3rem; }
    #basket-list { padding-left: 1.25rem; margin: .25rem 0 .5rem; }
    #basket-list li { margin-bottom: .35rem; }
    #basket-list button { font-size: .8rem; padding: 0 .4rem; margin-left: .3rem; background: var(--paper); color: var(--accent); }
    #exports { display: flex; flex-wrap: wrap; gap: .35rem; }
    #exports button:disabled { opacity: .45; cursor: not-allowed; }
    #pager { display: flex; gap: .5rem; }
    """#
}
