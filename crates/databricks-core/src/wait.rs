//! STUB (owned by the paginate/wait helper).
/// STUB
pub enum Poll<T> {
    /// STUB
    Done(T),
}
/// STUB
pub struct Waiter<T> {
    _p: std::marker::PhantomData<T>,
}
