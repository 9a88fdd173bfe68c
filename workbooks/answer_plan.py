# written by answer-plan: the companion module of answer_plan.xlsm
"""Keep this file beside answer_plan.xlsm: its Recommend button runs xlwings' quickstart macro,
which imports the module named as the workbook (this one) and calls main()."""
import xlwings as xw

from xl_addin.macro import run


def main() -> None:
    run(xw.Book.caller())


if __name__ == "__main__":
    xw.Book("answer_plan.xlsm").set_mock_caller()
    main()
