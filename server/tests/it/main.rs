//! Integration tests of the web application and the API, against the router (no socket).

mod api;
mod auth;
mod common;
mod openapi;
mod pages;
mod security;
mod stats;
