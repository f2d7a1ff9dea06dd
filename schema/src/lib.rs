//! The canonical schema of a job offer, shared by every stage of the pipeline.
//!
//! This crate owns the *contract* between stages: what a normalised [`Offer`] looks like,
//! the closed vocabularies it uses ([`ContractType`], [`SalaryPeriod`], …) and the public
//! reference tables needed to fill it ([`geo`] for departments and regions, [`rome`] for the
//! ROME 4.0 codes of data jobs). It has no I/O and no knowledge of any source.
//!
//! The schema is documented for users in `docs/schema.md`; [`SCHEMA_VERSION`] changes when a
//! field changes meaning or disappears (adding a field does not bump it).

pub mod geo;
pub mod offer;
pub mod rome;

pub use offer::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, Salary, SalaryPeriod,
    Seniority, SourceLink, Territory,
};
pub use rome::RomeCode;

/// Version of the canonical schema written in every normalised offer.
pub const SCHEMA_VERSION: u32 = 1;
