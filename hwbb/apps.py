from django.apps import AppConfig


class HwbbConfig(AppConfig):
    name = "hwbb"
