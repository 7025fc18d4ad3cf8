/** The report page's only style sheet, inlined: no external asset, no script. */
export const HTML_STYLE = `
:root { color-scheme: light; --block: #b42318; --review: #b54708; --info: #175cd3; --go: #067647; --muted: #475467; --line: #eaecf0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; background: #f9fafb; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.sub { color: var(--muted); margin: 0; }
.verdict { display: inline-block; margin: 1rem 0 0; padding: .4rem .9rem; border-radius: .5rem; font-weight: 700; color: #fff; }
.verdict.no-go { background: var(--block); } .verdict.review, .verdict.incomplete { background: var(--review); } .verdict.go { background: var(--go); }
.first { background: #fff; border: 2px solid #101828; border-radius: .75rem; padding: 1rem 1.25rem; margin-top: 1.5rem; }
.first h2 { margin-top: .25rem; border: 0; }
.first ol { margin: 0; padding-left: 1.4rem; }
.first li { margin-bottom: 1rem; }
.item { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
.item.block { border-left-color: var(--block); } .item.review { border-left-color: var(--review); } .item.info, .item.advice { border-left-color: var(--info); }
.tag { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .04em; padding: .05rem .45rem; border-radius: .3rem; color: #fff; background: var(--muted); margin-right: .4rem; vertical-align: middle; }
.tag.block { background: var(--block); } .tag.review { background: var(--review); } .tag.info, .tag.advice { background: var(--info); }
.fix { margin: .35rem 0 0; } .fix strong { color: var(--go); }
.where { color: var(--muted); margin: .25rem 0 0; font-size: .95em; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
ul.plain { padding-left: 1.2rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem; }
`;
