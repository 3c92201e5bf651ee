//! Test and demo support for awsterm: a local AWS emulator (moto) on 127.0.0.1, one fake account
//! per test, realistic seeded data, and a driver for the real binary in a pseudo-terminal.
//! Nothing here ever talks to an address outside the loopback range.

pub mod account;
pub mod http;
pub mod logfeed;
pub mod metadata;
pub mod moto;
pub mod proxy;
pub mod pty;
pub mod seed;
pub mod tls;
