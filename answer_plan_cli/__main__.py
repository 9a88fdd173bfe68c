from answer_plan_cli.main import run

run()
