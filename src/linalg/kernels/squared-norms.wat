;; squaredNorms(lowerAddress, stride, rowsAddress, pairs, outAddress)
;;
;; For each pair p of query rows (2p, 2p + 1), stored at rowsAddress `stride` doubles apart:
;;
;;   out[2p + c] = Σ_i (Σ_{k ≤ i} M_ik · q_{2p+c, k})²,   c = 0, 1,
;;
;; with M lower triangular at lowerAddress (stride x stride doubles, row-major). The caller pads rows and
;; columns with zeros up to `stride`, a multiple of 4, so there are no edge cases here: M is taken 4 rows at a
;; time against the 2 query rows, with 8 f64x2 accumulators (4 rows x 2 queries), each summing two columns at
;; once. At the end of a block the two lanes of each accumulator are added and the dot product is squared into
;; the query's sum. The scalar lowerProductSquaredNorms (lower-product-squared-norms.ts) adds the same terms in
;; another order, so the two agree to rounding, not bit for bit.
;;
;; All addresses and `column` are byte offsets; the memory is imported (env.memory) and filled by the caller.
(module
  (import "env" "memory" (memory 1))

  (func (export "squaredNorms")
    (param $lowerAddress i32) (param $stride i32) (param $rowsAddress i32) (param $pairs i32)
    (param $outAddress i32)
    (local $strideBytes i32)
    (local $pair i32)
    ;; Addresses of the two query rows of the current pair.
    (local $query0 i32) (local $query1 i32)
    ;; First row of M in the current block, and the addresses of the block's 4 rows.
    (local $row0 i32)
    (local $lowerRow0 i32) (local $lowerRow1 i32) (local $lowerRow2 i32) (local $lowerRow3 i32)
    (local $column i32) (local $columnEnd i32)
    (local $sum0 f64) (local $sum1 f64) (local $laneSum f64)
    ;; $dotRC accumulates row R of the block against query C, two columns per lane pair.
    (local $dot00 v128) (local $dot01 v128) (local $dot10 v128) (local $dot11 v128)
    (local $dot20 v128) (local $dot21 v128) (local $dot30 v128) (local $dot31 v128)
    (local $query0Value v128) (local $query1Value v128) (local $lowerValue v128)

    (local.set $strideBytes (i32.shl (local.get $stride) (i32.const 3)))

    (local.set $pair (i32.const 0))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $pair) (local.get $pairs)))
        (local.set $query0
          (i32.add (local.get $rowsAddress)
                   (i32.shl (i32.mul (local.get $pair) (local.get $strideBytes)) (i32.const 1))))
        (local.set $query1 (i32.add (local.get $query0) (local.get $strideBytes)))
        (local.set $sum0 (f64.const 0))
        (local.set $sum1 (f64.const 0))

        (local.set $row0 (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $row0) (local.get $stride)))
            (local.set $lowerRow0
              (i32.add (local.get $lowerAddress) (i32.mul (local.get $row0) (local.get $strideBytes))))
            (local.set $lowerRow1 (i32.add (local.get $lowerRow0) (local.get $strideBytes)))
            (local.set $lowerRow2 (i32.add (local.get $lowerRow1) (local.get $strideBytes)))
            (local.set $lowerRow3 (i32.add (local.get $lowerRow2) (local.get $strideBytes)))
            (local.set $dot00 (v128.const f64x2 0 0))
            (local.set $dot01 (v128.const f64x2 0 0))
            (local.set $dot10 (v128.const f64x2 0 0))
            (local.set $dot11 (v128.const f64x2 0 0))
            (local.set $dot20 (v128.const f64x2 0 0))
            (local.set $dot21 (v128.const f64x2 0 0))
            (local.set $dot30 (v128.const f64x2 0 0))
            (local.set $dot31 (v128.const f64x2 0 0))
            ;; Row i of M is zero past column i, so columns [0, row0 + 4) cover the whole block.
            (local.set $columnEnd (i32.shl (i32.add (local.get $row0) (i32.const 4)) (i32.const 3)))

            (local.set $column (i32.const 0))
            (block $columnsDone
              (loop $columns
                (br_if $columnsDone (i32.ge_u (local.get $column) (local.get $columnEnd)))
                (local.set $query0Value (v128.load align=8 (i32.add (local.get $query0) (local.get $column))))
                (local.set $query1Value (v128.load align=8 (i32.add (local.get $query1) (local.get $column))))

                (local.set $lowerValue (v128.load align=8 (i32.add (local.get $lowerRow0) (local.get $column))))
                (local.set $dot00
                  (f64x2.add (local.get $dot00) (f64x2.mul (local.get $lowerValue) (local.get $query0Value))))
                (local.set $dot01
                  (f64x2.add (local.get $dot01) (f64x2.mul (local.get $lowerValue) (local.get $query1Value))))

                (local.set $lowerValue (v128.load align=8 (i32.add (local.get $lowerRow1) (local.get $column))))
                (local.set $dot10
                  (f64x2.add (local.get $dot10) (f64x2.mul (local.get $lowerValue) (local.get $query0Value))))
                (local.set $dot11
                  (f64x2.add (local.get $dot11) (f64x2.mul (local.get $lowerValue) (local.get $query1Value))))

                (local.set $lowerValue (v128.load align=8 (i32.add (local.get $lowerRow2) (local.get $column))))
                (local.set $dot20
                  (f64x2.add (local.get $dot20) (f64x2.mul (local.get $lowerValue) (local.get $query0Value))))
                (local.set $dot21
                  (f64x2.add (local.get $dot21) (f64x2.mul (local.get $lowerValue) (local.get $query1Value))))

                (local.set $lowerValue (v128.load align=8 (i32.add (local.get $lowerRow3) (local.get $column))))
                (local.set $dot30
                  (f64x2.add (local.get $dot30) (f64x2.mul (local.get $lowerValue) (local.get $query0Value))))
                (local.set $dot31
                  (f64x2.add (local.get $dot31) (f64x2.mul (local.get $lowerValue) (local.get $query1Value))))

                (local.set $column (i32.add (local.get $column) (i32.const 16)))
                (br $columns)))

            ;; sumC += (lane 0 + lane 1)² for each row of the block, rows in order.
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot00)) (f64x2.extract_lane 1 (local.get $dot00))))
            (local.set $sum0 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum0)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot01)) (f64x2.extract_lane 1 (local.get $dot01))))
            (local.set $sum1 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum1)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot10)) (f64x2.extract_lane 1 (local.get $dot10))))
            (local.set $sum0 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum0)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot11)) (f64x2.extract_lane 1 (local.get $dot11))))
            (local.set $sum1 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum1)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot20)) (f64x2.extract_lane 1 (local.get $dot20))))
            (local.set $sum0 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum0)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot21)) (f64x2.extract_lane 1 (local.get $dot21))))
            (local.set $sum1 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum1)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot30)) (f64x2.extract_lane 1 (local.get $dot30))))
            (local.set $sum0 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum0)))
            (local.set $laneSum
              (f64.add (f64x2.extract_lane 0 (local.get $dot31)) (f64x2.extract_lane 1 (local.get $dot31))))
            (local.set $sum1 (f64.add (f64.mul (local.get $laneSum) (local.get $laneSum)) (local.get $sum1)))

            (local.set $row0 (i32.add (local.get $row0) (i32.const 4)))
            (br $blocks)))

        ;; out is 2 doubles (16 bytes) per pair.
        (f64.store offset=0
          (i32.add (local.get $outAddress) (i32.shl (local.get $pair) (i32.const 4))) (local.get $sum0))
        (f64.store offset=8
          (i32.add (local.get $outAddress) (i32.shl (local.get $pair) (i32.const 4))) (local.get $sum1))

        (local.set $pair (i32.add (local.get $pair) (i32.const 1)))
        (br $pairs)))))
