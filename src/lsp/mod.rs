//! placeholder
pub fn run_stdio() -> Result<(), String> {
    Ok(())
}
