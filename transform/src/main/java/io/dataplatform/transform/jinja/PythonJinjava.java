package io.dataplatform.transform.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import io.dataplatform.transform.jinja.modules.PyArithmetic;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expressions also add and subtract Python dates, datetimes and timedeltas ({@code
 * date.today() - timedelta(days=7)}); Jinjava's own operators only know numbers, strings and
 * collections.
 */
final class PythonJinjava extends Jinjava {
  private final ExpressionFactory expressions;

  PythonJinjava(JinjavaConfig config) {
    super(config);
    this.expressions =
        new ExpressionFactoryImpl(
            new TreeStore(
                new SyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS),
                new Cache(1000)),
            new TruthyTypeConverter());
  }

  @Override
  public ExpressionFactory getExpressionFactory() {
    return expressions;
  }

  /** Builds Jinjava's parser with the temporal operators in place of {@code +} and {@code -}. */
  static final class SyntaxBuilder extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;

    SyntaxBuilder(Builder.Feature... features) {
      super(features);
    }

    @Override
    protected Parser createParser(String expression) {
      return new ExtendedParser(this, expression) {
        @Override
        protected AstBinary createAstBinary(
            AstNode left, AstNode right, AstBinary.Operator operator) {
          if (operator == AdditionOperator.OP) {
            return super.createAstBinary(left, right, Add.OP);
          }
          if (operator == AstBinary.SUB) {
            return super.createAstBinary(left, right, Subtract.OP);
          }
          return super.createAstBinary(left, right, operator);
        }
      };
    }
  }

  static final class Add extends AdditionOperator {
    static final Add OP = new Add();

    @Override
    protected Object apply(TypeConverter converter, Object left, Object right) {
      return PyArithmetic.add(left, right).orElseGet(() -> super.apply(converter, left, right));
    }
  }

  static final class Subtract extends AstBinary.SimpleOperator {
    static final Subtract OP = new Subtract();

    @Override
    protected Object apply(TypeConverter converter, Object left, Object right) {
      return PyArithmetic.subtract(left, right)
          .orElseGet(() -> NumberOperations.sub(converter, left, right));
    }

    @Override
    public String toString() {
      return "-";
    }
  }
}
