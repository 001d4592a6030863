//! promptwall engine: every decision promptwall makes, with no proxy-wasm import, so it is tested
//! natively and shared by the wasm filter, the ext_proc server and the CLI.

pub mod detect;
pub mod dialect;
pub mod metrics;
pub mod policy;
pub mod request;
pub mod response;
pub mod rewrite;
pub mod stream;
pub mod sync;
pub mod verdict;

#[cfg(test)]
mod test_rng;

pub use dialect::Dialect;
pub use policy::{Policy, PolicyError};
pub use request::{HeadDecision, RequestHead};
pub use response::ResponseDecision;
pub use stream::{Output, ResponseGuard};
pub use verdict::{Action, Category, Finding, Refusal, Verdict};
