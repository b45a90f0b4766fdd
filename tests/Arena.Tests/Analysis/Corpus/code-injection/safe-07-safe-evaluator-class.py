class SafeEval:
    OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}

    def eval(self, expr):
        return self._node(ast.parse(expr, mode="eval").body)

    def _node(self, n):
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return n.value
        if isinstance(n, ast.BinOp) and type(n.op) in self.OPS:
            return self.OPS[type(n.op)](self._node(n.left), self._node(n.right))
        raise ValueError("unsupported expression")
