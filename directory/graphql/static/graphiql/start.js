// Starts GraphiQL on this directory's endpoint. Nothing typed here outlives the tab:
// GraphiQL's state (tabs, history, headers) goes to this in-memory store instead of
// localStorage, and headers are never persisted, so a token pasted in the headers editor is
// gone when the tab closes. Neither the headers nor the variables are read from or written
// to the URL; only a shared query (?q=) is read.
"use strict";

const EXAMPLE = `# Where do I send a request for mutual legal assistance from France to Kiribati,
# through which channel, in which language, and on which legal basis?
query WhereToSend {
  route(input: { requesting: "FRA", requested: "KIR", subject: "MLA" }) {
    destinations {
      name
      authority { key name }
    }
    channels { channel { code name } permission conditions { code message } }
    languages { language { code name } level condition }
    legalBases { instrument title inForceForRequestingOn inForceForRequestedOn }
    extradition { instrument provision status message }
    warnings { code message }
    oldestConfirmationOn
    sources { title url }
  }
}
`;

const memory = new Map();
const storage = {
  getItem: (key) => (memory.has(key) ? memory.get(key) : null),
  setItem: (key, value) => memory.set(key, String(value)),
  removeItem: (key) => memory.delete(key),
  clear: () => memory.clear(),
  get length() {
    return memory.size;
  },
};
const shared = new URLSearchParams(window.location.search).get("q");
const fetcher = GraphiQL.createFetcher({ url: window.location.href.split("?")[0] });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, {
    fetcher: fetcher,
    storage: storage,
    shouldPersistHeaders: false,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: true,
    inputValueDeprecation: true,
    defaultQuery: shared || EXAMPLE,
  }),
);
