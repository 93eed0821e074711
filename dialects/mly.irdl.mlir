// The `mly` dialect: kernel-level primitives on tensors.
//
// Loaded at run time with mlirLoadIRDLDialects (see dialects.c). Operands of
// elementwise ops have exactly the result's shape (broadcasts are explicit
// `broadcast_in_dim`). Shape and attribute rules live in verify_mly.c.
// Fusion groups are outlined `func.func private` functions marked
// `mly.fused = "<kind>"`, called with `func.call` (IRDL ops cannot hold
// regions that end in a terminator).

irdl.dialect @mly {
  // Unary elementwise.
  irdl.operation @neg {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @abs {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @exp {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @log {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sqrt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @rsqrt {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @tanh {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sigmoid {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @erf {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @sin {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @cos {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @floor {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @not {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @cast {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  // Binary elementwise: operands and result have one shape.
  irdl.operation @add {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @sub {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @mul {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @div {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @max {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @min {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @pow {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @and {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @or {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
  }
  irdl.operation @cmp {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.string"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"predicate" = %v3}
  }
  irdl.operation @select {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    irdl.operands(condition: %v0, on_true: %v1, on_false: %v2)
    irdl.results(result: %v3)
  }
  // Values.
  irdl.operation @constant {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.any
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"value" = %v1}
  }
  irdl.operation @iota {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "#builtin.integer"
    irdl.operands()
    irdl.results(result: %v0)
    irdl.attributes {"dim" = %v1}
  }
  // Data movement.
  irdl.operation @broadcast_in_dim {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"broadcast_dimensions" = %v2}
  }
  irdl.operation @reshape {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
  }
  irdl.operation @transpose {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"permutation" = %v2}
  }
  irdl.operation @slice {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.dense_array"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"start_indices" = %v2, "limit_indices" = %v3, "strides" = %v4}
  }
  irdl.operation @pad {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.dense_array"
    %v3 = irdl.base "#builtin.dense_array"
    %v4i = irdl.base "#builtin.integer"
    %v4f = irdl.base "#builtin.float"
    %v4 = irdl.any_of(%v4i, %v4f)
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"low" = %v2, "high" = %v3, "value" = %v4}
  }
  irdl.operation @concat {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3}
  }
  irdl.operation @gather {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "#builtin.integer"
    %v4 = irdl.base "#builtin.string"
    irdl.operands(input: %v0, indices: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"dim" = %v3, "mode" = %v4}
  }
  // Reductions and scans.
  irdl.operation @reduce {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.string"
    %v3 = irdl.base "#builtin.dense_array"
    %v4i = irdl.is true
    %v4f = irdl.is false
    %v4 = irdl.any_of(%v4i, %v4f)
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"kind" = %v2, "dims" = %v3, "keepdim" = %v4}
  }
  irdl.operation @scan {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.integer"
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"dim" = %v2}
  }
  // Contractions and windows.
  irdl.operation @matmul {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3i = irdl.is true
    %v3f = irdl.is false
    %v3 = irdl.any_of(%v3i, %v3f)
    %v4i = irdl.is true
    %v4f = irdl.is false
    %v4 = irdl.any_of(%v4i, %v4f)
    irdl.operands(lhs: %v0, rhs: %v1)
    irdl.results(result: %v2)
    irdl.attributes {"transpose_lhs" = %v3, "transpose_rhs" = %v4}
  }
  irdl.operation @conv {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "!builtin.tensor"
    %v3 = irdl.base "!builtin.tensor"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7 = irdl.base "#builtin.integer"
    irdl.operands(input: %v0, weight: %v1, bias: optional %v2)
    irdl.results(result: %v3)
    irdl.attributes {"stride" = %v4, "padding" = %v5, "dilation" = %v6, "groups" = %v7}
  }
  irdl.operation @pool {
    %v0 = irdl.base "!builtin.tensor"
    %v1 = irdl.base "!builtin.tensor"
    %v2 = irdl.base "#builtin.string"
    %v3 = irdl.base "#builtin.dense_array"
    %v4 = irdl.base "#builtin.dense_array"
    %v5 = irdl.base "#builtin.dense_array"
    %v6 = irdl.base "#builtin.dense_array"
    %v7i = irdl.is true
    %v7f = irdl.is false
    %v7 = irdl.any_of(%v7i, %v7f)
    irdl.operands(input: %v0)
    irdl.results(result: %v1)
    irdl.attributes {"kind" = %v2, "window" = %v3, "stride" = %v4, "padding" = %v5, "dilation" = %v6, "count_include_pad" = %v7}
  }
}
