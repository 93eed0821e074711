module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @k(%x: memref<4xf32>) kernel {
      gpu.return
    }
  }
  func.func @forward(%x: memref<4xf32> {mly.name = "x"}) attributes {mly.host} {
    %c1 = arith.constant 1 : index
    %n = arith.addi %c1, %c1 : index
    gpu.launch_func @kernels::@k blocks in (%n, %c1, %c1) threads in (%c1, %c1, %c1) args(%x : memref<4xf32>)
    return
  }
}
