func.func @f() {
  %0 = arith.constant ÿ1 : i32
  return
}
