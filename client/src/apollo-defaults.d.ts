// Queries default to errorPolicy "all": a field the caller may not see (FORBIDDEN) leaves the
// rest of the page usable. Declared here so Apollo's types know the defaults.
import "@apollo/client";

declare module "@apollo/client" {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: "all";
      }
      interface Query {
        errorPolicy: "all";
      }
    }
  }
}
