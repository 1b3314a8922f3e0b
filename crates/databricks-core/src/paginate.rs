//! STUB (owned by the paginate/wait helper).
/// STUB
pub struct Page<T> {
    /// STUB
    pub items: Vec<T>,
}
/// STUB
pub struct Paginator<T> {
    _p: std::marker::PhantomData<T>,
}
