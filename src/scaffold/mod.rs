//! Scaffolding: a new records repository (`repo`, `iro init`) and a new
//! record with its required fields (`record`, `iro new`). Written through
//! `out` (staged folder, create-new files): never over anything.

pub mod ci;
pub mod record;
pub mod repo;
